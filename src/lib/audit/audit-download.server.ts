// The audit log's download for an inspection: every entry the filters find (a bureau's administrators, their
// area's), as CSV or Excel, named by the days it covers (操作日志_2019-10-01_2019-10-31.csv).
import type { APIRoute } from 'astro';
import { isMessageKey, type Locale, translate } from '#src/i18n/index.ts';
import { fileName } from '../downloads/file-name.ts';
import type { Table } from '../downloads/spreadsheet.ts';
import { isAdmin } from '../server/auth/scope.ts';
import { getDb } from '../server/db.ts';
import { tableResponse } from '../server/xlsx.ts';
import { beijingDate, beijingDateTime } from '../time/beijing.ts';
import { auditFilterSchema } from './audit-log.ts';
import { searchAuditLog } from './audit-log.server.ts';

export function auditDownload(format: 'csv' | 'xlsx'): APIRoute {
  return async ({ url, locals }) => {
    if (!locals.actor) return new Response(null, { status: 401 });
    if (!isAdmin(locals.actor)) return new Response(null, { status: 403 });
    const locale: Locale = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
    const parsed = auditFilterSchema.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) return new Response(null, { status: 400 });
    const t = (key: string, fallback: string) => (isMessageKey(key) ? translate(locale, key) : fallback);
    const { rows } = searchAuditLog(getDb(), { actor: locals.actor, filters: parsed.data, all: true });
    const table: Table = {
      name: t('download.audit', 'audit-log'),
      rows: [
        [t('admin.auditWhen', 'when'), t('admin.auditWho', 'who'), t('admin.auditWhat', 'what'), t('audit.kind', 'kind'), t('admin.auditEntity', 'record'), t('audit.institution', 'institution'), t('audit.before', 'before'), t('audit.after', 'after')],
        ...rows.map((r) => [beijingDateTime(r.createdAt), r.who ?? t('admin.system', ''), t(`auditAction.${r.action}`, r.action), t(`recordKind.${r.entity}`, r.entity), r.record ?? r.entityId, r.institution, r.before, r.after]),
      ],
    };
    // Named by the days it covers: 操作日志_2019-10-01_2019-10-31.csv, or 操作日志_截至2026-12-03.csv.
    const { from, to } = parsed.data;
    const today = beijingDate(Date.now());
    const days = (language: Locale) => (from ? [from, to ?? today] : [translate(language, to ? 'download.until' : 'download.asOf', { date: to ?? today })]);
    const name = fileName([translate(locale, 'download.audit'), ...days(locale)], format);
    const fallback = fileName([translate('en', 'download.audit'), ...days('en')], format);
    return tableResponse(format, table, name, fallback);
  };
}
