// The day-before reminder: everyone with a place is mailed REMINDER_HOURS before their shift, with a link
// to say "I'll come" or "I can't come". Cancelling through it follows the same cut-off as on the site,
// and a freed place goes to the waiting list.
import { and, asc, eq, gt, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { eventRoles, events, shifts, signups } from '#db/schema.ts';
import { recordAudit } from '../audit/audit.server.ts';
import type { Db, Tx } from '../server/db.ts';
import { DomainError } from '../server/errors.ts';
import { siteLink } from '../server/mail/templates.ts';
import { hashToken, newToken } from '../server/tokens.ts';
import { accountOf, mailAbout, mailPlaceHolders, offerNextPlace, placeCancelledMail, shiftContext, userRow } from './signups.server.ts';
import { CANCEL_CUTOFF_HOURS, mayCancel, REMINDER_HOURS, reminderWindow } from './signups.ts';
import { message } from '../validation/fields.ts';
import { HOUR_MS } from '../time/beijing.ts';


/** Mails every reminder that is due; run every minute with the offer job. Returns how many went out. */
export function sendReminders(db: Db, now = Date.now()): number {
  return db.transaction(
    (tx) => {
      const { startsAfter, startsBy } = reminderWindow(now);
      const due = tx
        .select({ id: signups.id, userId: signups.userId, shiftId: signups.shiftId })
        .from(signups)
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .innerJoin(eventRoles, eq(eventRoles.id, shifts.roleId))
        .innerJoin(events, eq(events.id, eventRoles.eventId))
        .where(
          and(
            eq(signups.state, 'confirmed'),
            // Staff placed without an account have no mailbox here.
            isNotNull(signups.userId),
            isNull(signups.remindedAt),
            gt(shifts.startsAt, startsAfter),
            lte(shifts.startsAt, startsBy),
            lte(signups.createdAt, sql`${shifts.startsAt} - ${REMINDER_HOURS * HOUR_MS}`),
            eq(events.state, 'published'),
          ),
        )
        .orderBy(asc(signups.id))
        .all();
      for (const signup of due) {
        const token = newToken();
        tx.update(signups).set({ remindedAt: now, reminderTokenHash: hashToken(token) }).where(eq(signups.id, signup.id)).run();
        const user = userRow(tx, accountOf(signup));
        mailAbout(tx, shiftContext(tx, signup.shiftId), user, 'reminder', now, { link: siteLink(user.locale, `/signups/reminder?token=${token}`) });
      }
      return due.length;
    },
    { behavior: 'immediate' },
  );
}

function signupByReminder(tx: Tx, token: string) {
  const signup = tx.select().from(signups).where(eq(signups.reminderTokenHash, hashToken(token))).get();
  if (!signup || signup.state !== 'confirmed') throw new DomainError('reminder.invalid', null, 400);
  return signup;
}

/** What the reminder link shows: the person's own shift, and whether they may still cancel online. */
export function reminderByToken(tx: Tx, { token }: { token: string }, now = Date.now()) {
  const signup = signupByReminder(tx, token);
  const context = shiftContext(tx, signup.shiftId);
  return { signup, context, mayCancel: mayCancel(context.shift.startsAt, now), over: context.shift.startsAt <= now };
}

/** The person answers the reminder: coming (recorded for the roster) or not coming (the place is given up). */
export function answerReminder(db: Db, { token, coming }: { token: string; coming: boolean }, now = Date.now()): { eventId: number } {
  return db.transaction(
    (tx) => {
      const { signup, context } = reminderByToken(tx, { token }, now);
      if (context.shift.startsAt <= now) throw new DomainError('reminder.over', null, 410);
      if (coming) {
        tx.update(signups).set({ reconfirmedAt: now }).where(eq(signups.id, signup.id)).run();
      } else {
        if (!mayCancel(context.shift.startsAt, now)) throw new DomainError(message('reminder.tooLate', { hours: CANCEL_CUTOFF_HOURS }), null, 409);
        mailPlaceHolders(tx, { eventId: context.event.id, signupId: signup.id, kind: 'place_cancelled', lines: (t) => placeCancelledMail(t, context) }, now);
        tx.update(signups).set({ state: 'cancelled', cancelledAt: now, reminderTokenHash: null, reconfirmedAt: null }).where(eq(signups.id, signup.id)).run();
        offerNextPlace(tx, signup.shiftId, now);
      }
      recordAudit(tx, { actorId: signup.userId, action: coming ? 'reconfirm' : 'cancel', entity: 'signup', entityId: signup.id, institutionId: context.event.organiserId, after: { via: 'reminder' } }, now);
      return { eventId: context.event.id };
    },
    { behavior: 'immediate' },
  );
}
