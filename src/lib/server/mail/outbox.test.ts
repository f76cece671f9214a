import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '#db/schema.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import type { Actor } from '../auth/scope.ts';
import { afterFailure, deliverDueMail, enqueueMail, LEASE_MS, listOutbox, MAX_ATTEMPTS, type MailTransport, retryDelay } from './outbox.ts';

const mail = { kind: 'test', recipient: 'a@example.cn', locale: 'zh-CN' as const, subject: '主题', body: '正文' };

/** A transport that fails its first `failures` sends, recording every message it accepts. */
function flakyTransport(failures: number) {
  const accepted: string[] = [];
  let calls = 0;
  const transport: MailTransport = {
    async send(message) {
      calls += 1;
      if (calls <= failures) throw new Error('connect ECONNREFUSED 127.0.0.1:2525');
      accepted.push(message.messageId);
    },
  };
  return { transport, accepted, calls: () => calls };
}

describe('outbox retry policy', () => {
  it('backs off exponentially from 30 seconds up to an hour', () => {
    expect([1, 2, 3, 4].map(retryDelay)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelay(20)).toBe(3_600_000);
  });

  it('gives up after the last attempt', () => {
    expect(afterFailure(1, 0)).toEqual({ state: 'pending', nextAttemptAt: 30_000 });
    expect(afterFailure(MAX_ATTEMPTS, 5)).toEqual({ state: 'failed', nextAttemptAt: 5 });
  });
});

describe('outbox delivery', () => {
  it('keeps a message through failures and sends it exactly once when the server answers', async () => {
    const { db } = createTestDatabase();
    enqueueMail(db, mail, 0);
    const { transport, accepted } = flakyTransport(2);

    expect(await deliverDueMail(db, transport, () => 0)).toEqual({ sent: 0, failed: 1 });
    // Not due again before its back-off has passed.
    expect(await deliverDueMail(db, transport, () => 29_999)).toEqual({ sent: 0, failed: 0 });
    expect(await deliverDueMail(db, transport, () => 30_000)).toEqual({ sent: 0, failed: 1 });
    const row = db.select().from(outbox).get()!;
    expect(row).toMatchObject({ state: 'pending', attempts: 2, lastError: 'connect ECONNREFUSED 127.0.0.1:2525' });

    expect(await deliverDueMail(db, transport, () => 90_000)).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDueMail(db, transport, () => 10_000_000)).toEqual({ sent: 0, failed: 0 });
    expect(accepted).toEqual([row.messageId]);
    expect(db.select().from(outbox).get()).toMatchObject({ state: 'sent', attempts: 3, sentAt: 90_000, lastError: null });
  });

  it('sends a link with its token, and keeps the sent mail without it; the log never shows one', async () => {
    const { db } = createTestDatabase();
    const link = 'https://yizhen.example/reset-password?token=Zx81-secret_token&lang=en';
    enqueueMail(db, { ...mail, body: `请点击 ${link} 重设密码。` }, 0);
    enqueueMail(db, { ...mail, recipient: 'b@example.cn', body: `验证邮箱：https://yizhen.example/verify?token=abc123` }, 0);
    const operator: Actor = { userId: 'operator', memberships: [{ institutionId: 1, institutionName: '长春市卫生健康委员会', role: 'operator' }], aggregateInstitutionIds: [], administered: { areaIds: [], institutionIds: [] } };
    expect(listOutbox(db, { actor: operator }).map((m) => m.body)).toEqual(['验证邮箱：https://yizhen.example/verify?token=…', '请点击 https://yizhen.example/reset-password?token=…&lang=en 重设密码。']);
    const texts: string[] = [];
    await deliverDueMail(db, { send: async (message) => void texts.push(message.text) }, () => 0);
    expect(texts).toContain(`请点击 ${link} 重设密码。`);
    expect(db.select().from(outbox).all().map((m) => m.body).join('\n')).not.toMatch(/secret_token|abc123/);
  });

  it('marks a message failed after the last attempt and stops trying', async () => {
    const { db } = createTestDatabase();
    enqueueMail(db, mail, 0);
    const { transport, calls } = flakyTransport(Infinity);
    for (let i = 0; i < MAX_ATTEMPTS + 3; i++) await deliverDueMail(db, transport, () => i * 10_000_000);
    expect(calls()).toBe(MAX_ATTEMPTS);
    expect(db.select().from(outbox).get()).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('does not let two senders send the same message', async () => {
    const { db } = createTestDatabase();
    enqueueMail(db, mail, 0);
    const { transport, accepted } = flakyTransport(0);
    await Promise.all([deliverDueMail(db, transport, () => 0), deliverDueMail(db, transport, () => 0)]);
    expect(accepted).toHaveLength(1);
  });

  it('retries a message whose sender died mid-send once its lease has lapsed', async () => {
    const { db } = createTestDatabase();
    enqueueMail(db, mail, 0);
    db.update(outbox).set({ state: 'sending', leaseUntil: LEASE_MS, attempts: 1 }).where(eq(outbox.id, 1)).run();
    const { transport, accepted } = flakyTransport(0);
    expect(await deliverDueMail(db, transport, () => LEASE_MS - 1)).toEqual({ sent: 0, failed: 0 });
    expect(await deliverDueMail(db, transport, () => LEASE_MS)).toEqual({ sent: 1, failed: 0 });
    expect(accepted).toHaveLength(1);
  });
});
