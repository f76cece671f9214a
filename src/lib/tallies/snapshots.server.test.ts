// Published tallies: frozen as released, read by the offices that may count them, with late records shown as
// a difference rather than changing what was published.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { events, tallySnapshots, users } from '#db/schema.ts';
import { seedDemoData } from '#db/seed/demo.ts';
import { actorWithRole } from '#tests/setup/actors.ts';
import { createTestDatabase } from '#tests/setup/db.ts';
import { publishedClinic } from '#tests/setup/events.ts';
import { completeEvent } from '../events/events.server.ts';
import { loadActor } from '../server/auth/scope.ts';
import type { Db } from '../server/db.ts';
import { ForbiddenError } from '../server/errors.ts';
import { getSnapshot, listSnapshots, publishTally } from './snapshots.server.ts';
import { tallyFilterSchema } from './tallies.ts';

const NOW = Date.parse('2019-10-20T10:00:00+08:00');
let db: Db;

beforeEach(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db, NOW);
});

describe('published tallies', () => {
  it('never change; a late record shows as a difference', () => {
    const publicity = actorWithRole(db, 'publicity', '长春市卫生健康委员会');
    const { id } = publishTally(db, { actor: publicity, filters: tallyFilterSchema.parse({ from: '2019-10-10', to: '2019-10-20' }), title: '2019年扶贫日新闻通稿' }, NOW);
    const published = getSnapshot(db, { actor: publicity, snapshotId: id });
    expect(published.frozen.headline.events).toBe(1);
    expect(published.frozen.summary.zh).toBe('共出动救护车1辆，1家医疗机构参与，走访贫困户1户，发放药品750元，赠送棉衣棉被7件。');
    expect(published.changes).toEqual([]);

    // A clinic of the 17th marked done after the release, with 236 people seen.
    const coordinator = loadActor(db, db.select().from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!.id);
    const village = db.select().from(events).get()!.villageId;
    const late = publishedClinic(db, NOW, [{ startTime: '09:00', endTime: '12:00', capacity: '5' }], { coordinator, date: '2019-10-17', villageId: village });
    completeEvent(db, { actor: coordinator, eventId: late.eventId, outcomes: { peopleSeen: 236 } }, NOW + 86_400_000);

    const later = getSnapshot(db, { actor: publicity, snapshotId: id });
    expect(later.frozen).toEqual(published.frozen);
    expect(later.changes).toEqual([
      { key: 'events', published: 1, now: 2 },
      { key: 'peopleSeen', published: 0, now: 236 },
    ]);
  });

  it('published before a figure existed, show it as not counted then, never as a change; a damaged one is refused', () => {
    const publicity = actorWithRole(db, 'publicity', '长春市卫生健康委员会');
    const { id } = publishTally(db, { actor: publicity, filters: tallyFilterSchema.parse({}), title: '旧的统计' }, NOW);
    // As an older snapshot was stored: no version, and without the referrals figures.
    const stored = JSON.parse(db.select().from(tallySnapshots).where(eq(tallySnapshots.id, id)).get()!.report);
    delete stored.version;
    delete stored.headline.referrals;
    delete stored.headline.referralsDone;
    db.update(tallySnapshots).set({ report: JSON.stringify(stored) }).where(eq(tallySnapshots.id, id)).run();
    const old = getSnapshot(db, { actor: publicity, snapshotId: id });
    expect(old.frozen.version).toBe(1);
    expect('referrals' in old.frozen.headline).toBe(false);
    expect(old.changes).toEqual([]);
    db.update(tallySnapshots).set({ report: JSON.stringify({ ...stored, headline: { events: 'many' } }) }).where(eq(tallySnapshots.id, id)).run();
    expect(() => getSnapshot(db, { actor: publicity, snapshotId: id })).toThrow();
  });

  it('are read by the offices that may count them, and by nobody else', () => {
    const publicity = actorWithRole(db, 'publicity', '长春市卫生健康委员会');
    const { id } = publishTally(db, { actor: publicity, filters: tallyFilterSchema.parse({}), title: '全年统计' }, NOW);
    const admin = actorWithRole(db, 'admin', '长春市卫生健康委员会');
    expect(listSnapshots(db, { actor: admin }).map((s) => [s.title, s.institution])).toEqual([['全年统计', '长春市卫生健康委员会']]);
    expect(getSnapshot(db, { actor: admin, snapshotId: id }).title).toBe('全年统计');
    const qinyuan = actorWithRole(db, 'coordinator', '沁源县人民医院');
    expect(listSnapshots(db, { actor: qinyuan })).toEqual([]);
    expect(() => getSnapshot(db, { actor: qinyuan, snapshotId: id })).toThrow(ForbiddenError);
    // A hospital's coordinator counts only their hospital: the commission's snapshot is not theirs either.
    expect(() => getSnapshot(db, { actor: actorWithRole(db, 'coordinator', '长春市中心医院'), snapshotId: id })).toThrow(ForbiddenError);
    const member = actorWithRole(db, 'member', '长春市中心医院');
    expect(() => publishTally(db, { actor: member, filters: tallyFilterSchema.parse({}), title: 'x' }, NOW)).toThrow(ForbiddenError);
    expect(() => listSnapshots(db, { actor: member })).toThrow(ForbiddenError);
  });
});
