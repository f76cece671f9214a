// The audit log's entries for the chosen filters, all of them, as CSV for an inspection (a bureau's administrators, their area's).
import type { APIRoute } from 'astro';
import { isMessageKey, translate } from '#src/i18n/index.ts';
import { auditFilterSchema } from '#src/lib/audit/audit-log.ts';
import { searchAuditLog } from '#src/lib/audit/audit-log.server.ts';
import { isAdmin } from '#src/lib/server/auth/scope.ts';
import { fileName } from '#src/lib/downloads/file-name.ts';
import { csvResponse } from '#src/lib/server/csv.ts';
import { getDb } from '#src/lib/server/db.ts';
import { beijingDate, beijingDateTime } from '#src/lib/time/beijing.ts';

export const GET: APIRoute = ({ url, locals }) => {
  if (!locals.actor) return new Response(null, { status: 401 });
  if (!isAdmin(locals.actor)) return new Response(null, { status: 403 });
  const locale = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return new Response(null, { status: 400 });
  const t = (key: string, fallback: string) => (isMessageKey(key) ? translate(locale, key) : fallback);
  const { rows } = searchAuditLog(getDb(), { actor: locals.actor, filters: parsed.data, all: true });
  // Named by the days it covers: 操作日志_2019-10-01_2019-10-31.csv, or 操作日志_截至2026-12-03.csv.
  const { from, to } = parsed.data;
  const today = beijingDate(Date.now());
  const days = (language: 'zh-CN' | 'en') => (from ? [from, to ?? today] : [translate(language, to ? 'download.until' : 'download.asOf', { date: to ?? today })]);
  return csvResponse(
    [
      [t('admin.auditWhen', 'when'), t('admin.auditWho', 'who'), t('admin.auditWhat', 'what'), t('audit.kind', 'kind'), t('admin.auditEntity', 'record'), t('audit.institution', 'institution'), t('audit.before', 'before'), t('audit.after', 'after')],
      ...rows.map((r) => [
        beijingDateTime(r.createdAt),
        r.who ?? t('admin.system', ''),
        t(`auditAction.${r.action}`, r.action),
        t(`recordKind.${r.entity}`, r.entity),
        r.record ?? r.entityId,
        r.institution,
        r.before,
        r.after,
      ]),
    ],
    fileName([translate(locale, 'download.audit'), ...days(locale)], 'csv'),
    fileName([translate('en', 'download.audit'), ...days('en')], 'csv'),
  );
};
