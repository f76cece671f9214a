// CSV downloads that Excel opens correctly: UTF-8 with a byte-order mark, never cached.
import { stringify } from 'csv-stringify/sync';

export function csvResponse(rows: (string | number | null)[][], filename: string): Response {
  return new Response(`\uFEFF${stringify(rows)}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
