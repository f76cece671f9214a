// The tables behind the dashboard's figures as one CSV (each table under its name), for the same filters as
// the dashboard's address.
import { csvResponse } from '#src/lib/server/csv.ts';
import { tallyDownload } from '#src/lib/tallies/tally-download.ts';

export const GET = tallyDownload('csv', (tables, { filename, fallback }) => csvResponse(tables.flatMap((table) => [[table.name], ...table.rows, []]), filename, fallback));
