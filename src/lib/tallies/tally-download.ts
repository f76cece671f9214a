// What the CSV and XLSX downloads share: the logged-in check, the dashboard's filters from the address, the
// reader's language (?lang=en), the tables, and refusals as plain statuses.
import type { APIRoute } from 'astro';
import type { Locale } from '#src/i18n/index.ts';
import { getDb } from '../server/db.ts';
import { refusalResponse } from '../server/errors.ts';
import { tallyFilterSchema } from './tallies.ts';
import { tallyExport } from './tallies.server.ts';
import { type Table, tallyTables } from './tally-tables.ts';

export function tallyDownload(respond: (tables: Table[]) => Response | Promise<Response>): APIRoute {
  return async ({ url, locals }) => {
    if (!locals.actor) return new Response(null, { status: 401 });
    const locale: Locale = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
    const filters = tallyFilterSchema.safeParse(Object.fromEntries(url.searchParams));
    if (!filters.success) return new Response(null, { status: 400 });
    try {
      return await respond(tallyTables(tallyExport(getDb(), { actor: locals.actor, filters: filters.data }), locale));
    } catch (error) {
      return refusalResponse(error);
    }
  };
}
