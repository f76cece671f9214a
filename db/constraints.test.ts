// The database holds to what the code assumes, for a row written by any path: listed values, amounts,
// capacities, ends after starts, one target per pairing.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../tests/setup/db.ts';
import type { Db } from '../src/lib/server/db.ts';
import { seedDemoData } from './seed/demo.ts';

let db: Db;
beforeAll(async () => {
  db = createTestDatabase().db;
  await seedDemoData(db);
  // A role with one shift on the demo's event, to correct.
  const role = db.$client.prepare("INSERT INTO event_roles (event_id, kind) VALUES ((SELECT MIN(id) FROM events), 'doctor')").run().lastInsertRowid;
  db.$client.prepare('INSERT INTO shifts (role_id, starts_at, ends_at, capacity) VALUES (?, 1000, 2000, 3)').run(role);
});

const run = (statement: string) => () => db.$client.prepare(statement).run();

describe('the database', () => {
  it('refuses a value no list has, in any listed column', () => {
    expect(run("UPDATE events SET state = 'banana'")).toThrow(/CHECK constraint failed: events_state_values/);
    expect(run("UPDATE memberships SET role = 'root'")).toThrow(/memberships_role_values/);
    expect(run("UPDATE staff SET profession = 'logistics'")).toThrow(/staff_profession_values/);
    expect(run("UPDATE visit_readings SET referral_state = 'advised'")).toThrow(/visit_readings_referral_state_values/);
    // An empty optional column is no value at all.
    expect(run('UPDATE households SET entered_in = NULL')).not.toThrow();
  });

  it('refuses amounts below nought, a shift with no places or ending before it starts, an event ending before it starts', () => {
    expect(run('UPDATE donations SET amount_fen = -1')).toThrow(/donations_amount_positive/);
    expect(run('UPDATE purchases SET total_fen = -5')).toThrow(/purchases_amounts/);
    expect(run('UPDATE items SET unit_price_fen = -1')).toThrow(/items_price_not_negative/);
    expect(run('UPDATE shifts SET capacity = 0')).toThrow(/shifts_capacity_positive/);
    expect(run('UPDATE shifts SET ends_at = starts_at')).toThrow(/shifts_end_after_start/);
    expect(run("UPDATE events SET end_time = '00:00'")).toThrow(/events_end_after_start/);
    expect(run("UPDATE campaigns SET end_date = '2000-01-01'")).toThrow(/campaigns_end_after_start/);
  });

  it('refuses a pairing with two targets, none, or the wrong one', () => {
    expect(run("UPDATE pairings SET area_id = (SELECT MIN(id) FROM areas) WHERE target = 'village'")).toThrow(/pairings_one_target/);
    expect(run("UPDATE pairings SET household_id = NULL WHERE target = 'household'")).toThrow(/pairings_one_target/);
    expect(run("UPDATE pairings SET target = 'county' WHERE target = 'village'")).toThrow(/pairings_one_target/);
    expect(run("UPDATE pairings SET end_date = '2000-01-01'")).toThrow(/pairings_end_after_start/);
  });
});
