// Long lists shown a page at a time: the page asked for in the address, and the rows of that page.

/** The page number asked for (`?page=`), from 1; anything else is the first page. */
export function askedPage(params: URLSearchParams): number {
  return Math.max(1, Math.floor(Number(params.get('page'))) || 1);
}

/** The page shown for the one asked for: the last one when there are fewer rows, the first when there are none. */
export function shownPage(asked: number, total: number, size: number): number {
  return Math.min(asked, Math.max(1, Math.ceil(total / size)));
}

/** One page of a list: its rows, the page shown, and how many rows the list has in all. */
export interface Page<T> {
  rows: T[];
  page: number;
  total: number;
}
