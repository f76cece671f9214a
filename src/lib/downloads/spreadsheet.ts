// Tables as downloads: the cells a CSV and an Excel workbook share, and how a sheet is laid out in Excel —
// each column as wide as its longest cell, and calendar days as date cells written one way (2019-10-17).

/** A calendar day ('2019-10-17'): a date cell in Excel, the day as written in a CSV. */
export interface DayCell {
  day: string;
}
export type Cell = string | number | null | DayCell;
export interface Table {
  name: string;
  rows: Cell[][];
}

export const dayCell = (day: string): DayCell => ({ day });
const isDay = (cell: Cell): cell is DayCell => typeof cell === 'object' && cell !== null;

/** A cell as a CSV writes it. */
export function csvValue(cell: Cell): string | number | null {
  return isDay(cell) ? cell.day : cell;
}

/** The one way a workbook shows a day. */
export const EXCEL_DAY_FORMAT = 'yyyy-mm-dd';
const WIDEST = 60;

/** How many characters wide a cell shows: a Chinese character takes two. */
function shownWidth(cell: Cell): number {
  const text = isDay(cell) ? cell.day : cell === null ? '' : String(cell);
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return width;
}

/** A table as a sheet of write-excel-file: its cells, days as dates, and each column's width in characters. */
export function excelSheet(table: Table) {
  const columns: { width: number }[] = [];
  for (const row of table.rows) {
    row.forEach((cell, i) => {
      columns[i] = { width: Math.min(WIDEST, Math.max(columns[i]?.width ?? 6, shownWidth(cell) + 2)) };
    });
  }
  return {
    // Sheet names may not hold : \ / ? * [ ] and are at most 31 characters.
    sheet: table.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31),
    columns,
    data: table.rows.map((row) =>
      row.map((cell) => {
        if (cell === null) return null;
        if (!isDay(cell)) return { value: cell };
        const [year, month, date] = cell.day.split('-').map(Number);
        return { value: new Date(Date.UTC(year, month - 1, date)), type: Date, format: EXCEL_DAY_FORMAT };
      }),
    ),
  };
}
