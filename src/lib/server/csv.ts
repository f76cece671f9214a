// CSV downloads that Excel opens correctly: UTF-8 with a byte-order mark, never cached. A text cell that a
// spreadsheet would read as a formula (=, +, -, @, a tab or a carriage return first) is written as text.
import { stringify } from 'csv-stringify/sync';

export function csvCell(value: string | number | null): string | number | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvResponse(rows: (string | number | null)[][], filename: string): Response {
  return new Response(`\uFEFF${stringify(rows.map((row) => row.map(csvCell)))}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
