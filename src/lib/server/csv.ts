// CSV downloads that Excel opens correctly: UTF-8 with a byte-order mark, never cached. A text cell that a
// spreadsheet would read as a formula (=, +, -, @, a tab or a carriage return first) is written as text.
import { create } from 'content-disposition';
import { stringify } from 'csv-stringify/sync';
import { type Cell, csvValue } from '../downloads/spreadsheet.ts';

export function csvCell(cell: Cell): string | number | null {
  const value = csvValue(cell);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** `filename` may be in Chinese; `fallback`, in plain ASCII, is for the few clients that cannot take it. */
export function csvResponse(rows: Cell[][], filename: string, fallback: string | true = true): Response {
  return new Response(`\uFEFF${stringify(rows.map((row) => row.map(csvCell)))}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': create(filename, { fallback }),
      'Cache-Control': 'private, no-store',
    },
  });
}
