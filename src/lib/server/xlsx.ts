// Excel downloads: one sheet a table (spreadsheet.ts lays each out), never cached; and one table as either download.
import { create } from 'content-disposition';
import writeExcelFile from 'write-excel-file/node';
import { excelSheet, type Table } from '../downloads/spreadsheet.ts';
import { csvResponse } from './csv.ts';

/** `filename` may be in Chinese; `fallback`, in plain ASCII, is for the few clients that cannot take it. */
export async function xlsxResponse(tables: Table[], filename: string, fallback: string): Promise<Response> {
  const bytes = await writeExcelFile(tables.map(excelSheet)).toBuffer();
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': create(filename, { fallback }),
      'Cache-Control': 'private, no-store',
    },
  });
}

/** One table as the download asked for: a CSV of its rows, or a workbook of one sheet. */
export async function tableResponse(format: 'csv' | 'xlsx', table: Table, filename: string, fallback: string): Promise<Response> {
  return format === 'csv' ? csvResponse(table.rows, filename, fallback) : await xlsxResponse([table], filename, fallback);
}
