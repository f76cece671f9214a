// The tables behind the dashboard's figures as an Excel workbook, one sheet a table.
import { xlsxResponse } from '#src/lib/server/xlsx.ts';
import { tallyDownload } from '#src/lib/tallies/tally-download.ts';

export const GET = tallyDownload('xlsx', (tables, { filename, fallback }) => xlsxResponse(tables, filename, fallback));
