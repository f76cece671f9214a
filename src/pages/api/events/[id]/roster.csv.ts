// An event's roster with hours, for its organiser.
import type { APIRoute } from 'astro';
import { translate } from '#src/i18n/index.ts';
import { fileName } from '#src/lib/downloads/file-name.ts';
import { csvResponse } from '#src/lib/server/csv.ts';
import { getDb } from '#src/lib/server/db.ts';
import { refusalResponse } from '#src/lib/server/errors.ts';
import { eventRoster } from '#src/lib/signups/attendance.server.ts';
import { beijingDateTime } from '#src/lib/time/beijing.ts';

export const GET: APIRoute = ({ params, url, locals }) => {
  if (!locals.actor) return new Response(null, { status: 401 });
  const eventId = Number(params.id);
  if (!Number.isInteger(eventId) || eventId <= 0) return new Response(null, { status: 404 });
  const locale = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  try {
    const { event, rows } = eventRoster(getDb(), { actor: locals.actor, eventId });
    const time = (ms: number | null) => (ms ? beijingDateTime(ms) : '');
    return csvResponse(
      [
        [t('roster.name'), t('member.email'), t('event.roleKind'), t('event.startTime'), t('event.endTime'), t('signup.state'), t('roster.checkedIn'), t('roster.checkedOut'), t('signup.hours'), t('account.doctorLicence')],
        ...rows.map((r) => [r.name, r.email, translate(locale, `eventRole.${r.role}`), time(r.shift.startsAt), time(r.shift.endsAt), translate(locale, `signupState.${r.signup.state}`), time(r.signup.checkedInAt), time(r.signup.checkedOutAt), r.hours, r.requirement === 'licensed_doctor' ? (r.doctorLicence ?? '') : '']),
      ],
      fileName([t('download.roster'), event.title, event.date], 'csv'),
      fileName(['roster', String(eventId), event.date], 'csv'),
    );
  } catch (error) {
    return refusalResponse(error);
  }
};
