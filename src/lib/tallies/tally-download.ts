// What the CSV and XLSX downloads share: the logged-in check, the dashboard's filters from the address, the
// reader's language (?lang=en), the tables, the file's name, and refusals as plain statuses.
import type { APIRoute } from 'astro';
import type { Locale } from '#src/i18n/index.ts';
import { beijingDate } from '#src/lib/time/beijing.ts';
import { getDb } from '../server/db.ts';
import { refusalResponse } from '../server/errors.ts';
import { chosenLabel } from './choices.server.ts';
import { tallyFilterSchema } from './tallies.ts';
import { tallyExport } from './tallies.server.ts';
import type { Table } from '../downloads/spreadsheet.ts';
import { tallyDownloadName, tallyTables } from './tally-tables.ts';

/** The file's name in the reader's words, and one in plain ASCII for clients that cannot take those. */
export interface DownloadName {
  filename: string;
  fallback: string;
}

export function tallyDownload(extension: 'csv' | 'xlsx', respond: (tables: Table[], name: DownloadName) => Response | Promise<Response>): APIRoute {
  return async ({ url, locals }) => {
    if (!locals.actor) return new Response(null, { status: 401 });
    const locale: Locale = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
    const filters = tallyFilterSchema.safeParse(Object.fromEntries(url.searchParams));
    if (!filters.success) return new Response(null, { status: 400 });
    try {
      const tallied = tallyExport(getDb(), { actor: locals.actor, filters: filters.data });
      const { campaign, area, from, to } = tallied.scope;
      const named = [campaign?.name, area?.name, chosenLabel(getDb(), locals.actor, 'institution', filters.data.institution)].filter((name) => name !== undefined);
      const days = { from, to, today: beijingDate(Date.now()) };
      return await respond(tallyTables(tallied, locale), {
        filename: tallyDownloadName(locale, { named, ...days }, extension),
        fallback: tallyDownloadName('en', { named: [], ...days }, extension),
      });
    } catch (error) {
      return refusalResponse(error);
    }
  };
}
