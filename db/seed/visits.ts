// Demo visit records: 长春市中心医院's two visits to 孙广森 of 刘家屯村 in autumn 2019 (seed 002: "填写了扶贫手册
// 走访慰问记录"), with blood pressure going down, a chronic-illness card to arrange and a coal shortage to raise.
// Written through the visit form's schema and domain function, as the visitors would enter them.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { events, households, staff, users, VISIT_CHECK_ITEMS } from '../schema.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { visitSchema } from '../../src/lib/visits/visits.ts';
import { recordVisit } from '../../src/lib/visits/visits.server.ts';
import { beijingInstant } from '../../src/lib/time/beijing.ts';

interface DemoVisit {
  on: string;
  at: string;
  purpose: string;
  event?: string;
  readings: Record<string, string>;
  concerns?: Record<string, string>;
  followUp?: { action: string; owner: string; dueDate: string };
  satisfaction?: string;
  difficulties?: string;
  healthChange?: string;
}

const VISITS: DemoVisit[] = [
  {
    on: '2019-09-20',
    at: '10:00',
    purpose: 'rounds',
    readings: { 'head.systolic': '152', 'head.diastolic': '96', 'head.glucose': '7.8', 'head.glucoseTiming': 'fasting', 'head.advice': '低盐饮食，按时服用降压药' },
    concerns: { chronic_card: '高血压慢病卡尚未办理' },
    followUp: { action: '协助办理高血压慢病卡', owner: '周丽华', dueDate: '2019-10-10' },
    satisfaction: 'fairly_satisfied',
  },
  {
    on: '2019-10-15',
    at: '09:30',
    purpose: 'care',
    event: '刘家屯村入户走访慰问',
    readings: { 'head.systolic': '138', 'head.diastolic': '88', 'head.glucose': '6.4', 'head.glucoseTiming': 'fasting', 'head.advice': '继续服药，每周测量血压' },
    followUp: { action: '联系村委会解决冬季取暖用煤', owner: '陈静', dueDate: '2019-11-15' },
    satisfaction: 'satisfied',
    difficulties: '冬季取暖用煤不足',
    healthChange: '血压较上次下降',
  },
];

export async function seedDemoVisits(db: Db, now = Date.now()): Promise<void> {
  const user = db.select({ id: users.id }).from(users).where(eq(users.email, 'coordinator@yizhen.demo')).get()!;
  const actor = loadActor(db, user.id);
  const institutionId = actor.memberships[0].institutionId;
  const household = db.select({ id: households.id }).from(households).where(eq(households.headName, '孙广森')).get()!;
  const visitors = db.select({ id: staff.id, name: staff.name }).from(staff).where(eq(staff.institutionId, institutionId)).all();
  for (const visit of VISITS) {
    const event = visit.event ? db.select({ id: events.id }).from(events).where(eq(events.title, visit.event)).get() : undefined;
    const input = visitSchema.parse({
      householdId: String(household.id),
      institutionId: String(institutionId),
      submissionKey: randomUUID(),
      visitedOn: visit.on,
      visitedTime: visit.at,
      purpose: visit.purpose,
      eventId: event ? String(event.id) : '',
      visitors: visitors.filter((v) => v.name === '周丽华' || v.name === '陈静').map((v) => String(v.id)),
      checks: Object.fromEntries(VISIT_CHECK_ITEMS.map((item) => [item, visit.concerns?.[item] ? { state: 'concern', note: visit.concerns[item] } : { state: 'yes', note: '' }])),
      readings: visit.readings,
      satisfaction: visit.satisfaction ?? '',
      difficulties: visit.difficulties ?? '',
      healthChange: visit.healthChange ?? '',
      quantities: {},
      followUps: { '1': visit.followUp ?? {}, '2': {}, '3': {} },
    });
    const { photos: _none, ...fields } = input;
    // Written up two hours after the visit, or at `now` if that is later (tests seed with dates in 2019).
    await recordVisit(db, { actor, input: fields }, Math.max(now, beijingInstant(visit.on, visit.at) + 2 * 3_600_000));
  }
}
