// The tables behind the dashboard's figures as an Excel workbook, one sheet a table.
import { create } from 'content-disposition';
import writeExcelFile from 'write-excel-file/node';
import { excelSheet } from '#src/lib/downloads/spreadsheet.ts';
import { tallyDownload } from '#src/lib/tallies/tally-download.ts';

export const GET = tallyDownload('xlsx', async (tables, { filename, fallback }) => {
  const bytes = await writeExcelFile(tables.map(excelSheet)).toBuffer();
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': create(filename, { fallback }),
      'Cache-Control': 'private, no-store',
    },
  });
});
