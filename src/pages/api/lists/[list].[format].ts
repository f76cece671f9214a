// A list as it is filtered on its page, every row of it, as CSV or Excel: /api/lists/events.xlsx?when=past.
import type { APIRoute } from 'astro';
import { translate } from '#src/i18n/index.ts';
import { fileName } from '#src/lib/downloads/file-name.ts';
import { LIST_EXPORTS } from '#src/lib/lists/list-exports.server.ts';
import { getDb } from '#src/lib/server/db.ts';
import { refusalResponse } from '#src/lib/server/errors.ts';
import { tableResponse } from '#src/lib/server/xlsx.ts';
import { beijingDate } from '#src/lib/time/beijing.ts';

export const GET: APIRoute = async ({ params, url, locals }) => {
  if (!locals.actor) return new Response(null, { status: 401 });
  const list = Object.hasOwn(LIST_EXPORTS, params.list ?? '') ? LIST_EXPORTS[params.list!] : null;
  const format = params.format;
  if (!list || (format !== 'csv' && format !== 'xlsx')) return new Response(null, { status: 404 });
  const locale = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
  const today = beijingDate(Date.now());
  try {
    const table = { name: translate(locale, list.title), rows: list.rows(getDb(), { actor: locals.actor, params: url.searchParams, t: (key) => translate(locale, key), today }) };
    const name = fileName([translate(locale, list.title), translate(locale, 'download.asOf', { date: today })], format);
    const fallback = fileName([params.list!, translate('en', 'download.asOf', { date: today })], format);
    return await tableResponse(format, table, name, fallback);
  } catch (error) {
    return refusalResponse(error);
  }
};
