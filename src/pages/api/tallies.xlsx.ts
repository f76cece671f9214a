// The tables behind the dashboard's figures as an Excel workbook, one sheet a table.
import { create } from 'content-disposition';
import writeExcelFile from 'write-excel-file/node';
import { tallyDownload } from '#src/lib/tallies/tally-download.ts';

export const GET = tallyDownload('xlsx', async (tables, { filename, fallback }) => {
  // Sheet names may not hold : \ / ? * [ ] and are at most 31 characters.
  const sheets = tables.map((table) => ({ sheet: table.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), data: table.rows.map((row) => row.map((value) => (value === null ? null : { value }))) }));
  const bytes = await writeExcelFile(sheets).toBuffer();
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': create(filename, { fallback }),
      'Cache-Control': 'private, no-store',
    },
  });
});
