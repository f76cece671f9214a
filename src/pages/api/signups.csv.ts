// A person's own events and hours.
import type { APIRoute } from 'astro';
import { translate } from '#src/i18n/index.ts';
import { fileName } from '#src/lib/downloads/file-name.ts';
import { csvResponse } from '#src/lib/server/csv.ts';
import { beijingDate, beijingDateTime } from '#src/lib/time/beijing.ts';
import { getDb } from '#src/lib/server/db.ts';
import { listMySignups } from '#src/lib/signups/signups.server.ts';

export const GET: APIRoute = ({ url, locals }) => {
  if (!locals.actor || !locals.user) return new Response(null, { status: 401 });
  const locale = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const rows = listMySignups(getDb(), { actor: locals.actor });
  const asOf = (language: typeof locale) => translate(language, 'download.asOf', { date: beijingDate(Date.now()) });
  return csvResponse(
    [
      [t('event.title'), t('event.roleKind'), t('event.startTime'), t('event.endTime'), t('signup.state'), t('signup.hours')],
      ...rows.map((r) => [r.title, translate(locale, `eventRole.${r.role}`), beijingDateTime(r.shift.startsAt), beijingDateTime(r.shift.endsAt), translate(locale, `signupState.${r.signup.state}`), r.hours]),
    ],
    fileName([t('download.hours'), locals.user.name, asOf(locale)], 'csv'),
    fileName([translate('en', 'download.hours'), asOf('en')], 'csv'),
  );
};
