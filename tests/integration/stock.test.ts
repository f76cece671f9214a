// Stock through the running site: two tabs handing out the last boxes at once never take stock below
// zero, and the handout page shows what went out with its value.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockEntries, stockLevels, users } from '../../db/schema.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { createItem, receiveStock } from '../../src/lib/stock/stock.server.ts';
import { itemSchema, receiptSchema } from '../../src/lib/stock/stock.ts';
import { institutionId, OWN_INSTITUTION, sessionCookieFor } from '../setup/demo.ts';
import { publishedClinic } from '../setup/events.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

describe('stock over HTTP', () => {
  let site: Site;
  let eventId: number;
  let itemId: number;
  let coordinator: Visitor;

  beforeAll(async () => {
    site = await startSite();
    const actor = loadActor(site.db, site.db.select().from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!.id);
    ({ eventId } = publishedClinic(site.db, Date.now(), [{ startTime: '09:00', endTime: '12:00', capacity: '2' }], { coordinator: actor, date: '2099-10-17' }));
    itemId = createItem(site.db, { actor, input: itemSchema.parse({ institutionId: String(institutionId(site.db, OWN_INSTITUTION)), name: '感冒灵颗粒', kind: 'drug', unit: 'box', unitPrice: '12.5', genericName: '感冒灵颗粒' }) }).id;
    receiveStock(site.db, { actor, input: receiptSchema.parse({ itemId: String(itemId), amount: '10', batchNo: 'A1', expiryDate: '2099-12-31', source: 'bought' }) }, '2026-01-01');
    coordinator = new Visitor(site);
    coordinator.cookie = await sessionCookieFor(site.db, 'coordinator');
  });
  afterAll(() => site?.stop());

  it('two tabs asking for 6 of the last 10 boxes at once: one is recorded, the other refused, stock never below zero', async () => {
    const ask = () => coordinator.post('/_actions/handouts.record', { eventId: String(eventId), [`quantities.${itemId}`]: '6' });
    const answers = await Promise.all([ask(), ask()]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(site.db.select().from(stockLevels).where(eq(stockLevels.itemId, itemId)).get()!.quantity).toBe(4);
    expect(site.db.select().from(stockEntries).where(and(eq(stockEntries.kind, 'handout'), eq(stockEntries.itemId, itemId))).all()).toHaveLength(1);
  });

  it('a refused line says why beside its own box, in the visitor’s language, and keeps what was typed', async () => {
    const response = await coordinator.post(`/en/events/${eventId}/handouts?_action=handouts.record`, { eventId: String(eventId), [`quantities.${itemId}`]: '5', recipient: '村委会' });
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toMatch(new RegExp(`id="field-quantities\\.${itemId}-error"[^>]*>Not enough in stock: 4 usable \\(and 0 expired`));
    expect(html).toContain('value="村委会"');
    const typo = await coordinator.post(`/events/${eventId}/handouts?_action=handouts.record`, { eventId: String(eventId), [`quantities.${itemId}`]: '1.5.0' });
    expect(typo.status).toBe(400);
    expect(await typo.text()).toMatch(new RegExp(`id="field-quantities\\.${itemId}-error"[^>]*>请输入数字`));
  });

  it('the handout page shows the line with its value, for the organiser', async () => {
    const html = await (await coordinator.get(`/events/${eventId}/handouts`)).text();
    expect(html).toContain('发放金额合计: ¥75.00');
    expect(html).toContain('6 盒');
  });
});
