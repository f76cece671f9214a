// The durable outbox. A request that sends mail only writes a row here, in the same transaction as the
// change that caused it; a sender loop delivers due rows. A row is claimed before sending and marked sent
// after, so a message is delivered once even when several senders run or the SMTP server is down for a while.
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, lte, or, sql } from 'drizzle-orm';
import { outbox, type Locale } from '#db/schema.ts';
import { type Db, perDatabase, type Tx } from '../db.ts';
import type { Actor } from '../auth/scope.ts';
import { assertRunsSite } from '../auth/scope.ts';
import { mailHtml } from './templates.ts';

export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** How long a claimed message may take to send before another sender may try it. */
export const LEASE_MS = 5 * 60_000;

/** Delay before the next try after `attempts` failed tries: 30 s, 1 min, 2 min, … at most an hour. */
export function retryDelay(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/** What happens to a message after a failed try: another try later, or give up. */
export function afterFailure(attempts: number, now: number): { state: 'pending' | 'failed'; nextAttemptAt: number } {
  if (attempts >= MAX_ATTEMPTS) return { state: 'failed', nextAttemptAt: now };
  return { state: 'pending', nextAttemptAt: now + retryDelay(attempts) };
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface OutgoingMail {
  kind: string;
  recipient: string;
  locale: Locale;
  subject: string;
  body: string;
  attachments?: MailAttachment[];
}

export function enqueueMail(tx: Tx, { attachments, ...mail }: OutgoingMail, now = Date.now()): void {
  // Every change that mails someone runs this, so the statement is built once (see perDatabase).
  perDatabase(tx, 'enqueueMail', (handle) =>
    handle
      .insert(outbox)
      .values({
        kind: sql.placeholder('kind'),
        recipient: sql.placeholder('recipient'),
        locale: sql.placeholder('locale'),
        subject: sql.placeholder('subject'),
        body: sql.placeholder('body'),
        attachments: sql.placeholder('attachments'),
        messageId: sql.placeholder('messageId'),
        nextAttemptAt: sql.placeholder('now'),
        createdAt: sql.placeholder('now'),
      })
      .prepare(),
  ).run({ ...mail, attachments: attachments?.length ? JSON.stringify(attachments) : null, messageId: `<${randomUUID()}@yizhen>`, now });
}

export interface MailTransport {
  send(message: { messageId: string; to: string; subject: string; text: string; html: string; attachments: MailAttachment[] }): Promise<void>;
}

type OutboxRow = typeof outbox.$inferSelect;

/** Claims one due message for this sender, or returns null when none is due. */
function claimNext(db: Db, now: number): OutboxRow | null {
  return db.transaction((tx) => {
    const due = tx
      .select()
      .from(outbox)
      .where(
        or(
          and(eq(outbox.state, 'pending'), lte(outbox.nextAttemptAt, now)),
          and(eq(outbox.state, 'sending'), lte(outbox.leaseUntil, now)),
        ),
      )
      .orderBy(outbox.nextAttemptAt, outbox.id)
      .limit(1)
      .get();
    if (!due) return null;
    tx.update(outbox)
      .set({ state: 'sending', leaseUntil: now + LEASE_MS, attempts: due.attempts + 1 })
      .where(eq(outbox.id, due.id))
      .run();
    return { ...due, attempts: due.attempts + 1 };
  });
}

/** Delivers every message due now; returns how many were sent and how many failed this round. */
export async function deliverDueMail(db: Db, transport: MailTransport, now = () => Date.now()) {
  let sent = 0;
  let failed = 0;
  for (let row = claimNext(db, now()); row; row = claimNext(db, now())) {
    try {
      await transport.send({
        messageId: row.messageId,
        to: row.recipient,
        subject: row.subject,
        text: row.body,
        html: mailHtml(row.locale, row.body),
        attachments: row.attachments ? (JSON.parse(row.attachments) as MailAttachment[]) : [],
      });
      // Once delivered, the links' tokens are the recipient's alone: the log keeps the mail without them.
      db.update(outbox)
        .set({ state: 'sent', sentAt: now(), leaseUntil: null, lastError: null, body: withoutTokens(row.body) })
        .where(eq(outbox.id, row.id))
        .run();
      sent += 1;
    } catch (error) {
      const next = afterFailure(row.attempts, now());
      db.update(outbox)
        .set({ ...next, leaseUntil: null, lastError: error instanceof Error ? error.message.slice(0, 500) : String(error) })
        .where(eq(outbox.id, row.id))
        .run();
      failed += 1;
    }
  }
  return { sent, failed };
}

/** Runs `deliverDueMail` every `intervalMs` until stopped; rounds never overlap. */
export function startMailSender(db: Db, transport: MailTransport, intervalMs: number, onError = console.error) {
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await deliverDueMail(db, transport);
    } catch (error) {
      onError('[yizhen] mail sender:', error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  void tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}

/** A mail's text with every link's token blanked (…?token=…), so that reading the log opens no link. */
export function withoutTokens(body: string): string {
  return body.replace(/([?&]token=)[^&\s]+/g, '$1…');
}

/** The mail log for an administrator, without the links' tokens. */
export function listOutbox(tx: Tx, { actor, limit = 200 }: { actor: Actor; limit?: number }) {
  assertRunsSite(actor);
  return tx
    .select()
    .from(outbox)
    .orderBy(desc(outbox.id))
    .limit(limit)
    .all()
    .map((mail) => ({ ...mail, body: withoutTokens(mail.body) }));
}

/** How many mails could not be sent after every try, for the system operator. */
export function failedMailCount(tx: Tx, { actor }: { actor: Actor }): number {
  assertRunsSite(actor);
  return tx.select({ n: count() }).from(outbox).where(eq(outbox.state, 'failed')).get()?.n ?? 0;
}
