// The visit form's rules without a database: readings a cuff or a meter can show, a blood sugar typed in
// mg/dL, checks that need a note, follow-up rows filled in halfway.
import { describe, expect, it } from 'vitest';
import { bloodPressureLevel, parseReadings, visitDraftSchema, visitSchema } from './visits.ts';

const messages = (raw: Record<string, string>) => Object.fromEntries(parseReadings(raw).issues.map((i) => [i.field, i.message]));

describe('health readings', () => {
  it('groups the fields by person and keeps whole numbers and tenths of mmol/L', () => {
    const { readings, issues } = parseReadings({ 'head.systolic': '152', 'head.diastolic': '96', 'head.glucose': '7.8', 'head.glucoseTiming': 'fasting', 'm12.glucose': '５.６', 'm13.systolic': '' });
    expect(issues).toEqual([]);
    expect(readings).toEqual([
      expect.objectContaining({ memberId: null, systolic: 152, diastolic: 96, glucoseTenths: 78, glucoseTiming: 'fasting' }),
      // Full-width digits from a Chinese keyboard are read as digits; the empty row for m13 is skipped.
      expect.objectContaining({ memberId: 12, systolic: null, glucoseTenths: 56, glucoseTiming: null }),
    ]);
  });

  it('keeps findings and advice exactly as typed, full-width punctuation included', () => {
    const [reading] = parseReadings({ 'head.advice': ' 低盐饮食，按时服药（每日一次）。 ', 'head.findings': '血压偏高，头晕' }).readings;
    expect(reading).toMatchObject({ advice: '低盐饮食，按时服药（每日一次）。', findings: '血压偏高，头晕' });
  });

  it('refuses pressures outside what a cuff shows, one without the other, and diastolic not below systolic', () => {
    expect(messages({ 'head.systolic': '300', 'head.diastolic': '90' })).toEqual({ 'head.systolic': 'reading.systolicRange?min=60&max=260' });
    expect(messages({ 'head.systolic': '140', 'head.diastolic': '20' })).toEqual({ 'head.diastolic': 'reading.diastolicRange?min=30&max=160' });
    expect(messages({ 'head.systolic': '140' })).toEqual({ 'head.diastolic': 'reading.bothPressures' });
    expect(messages({ 'head.diastolic': '90' })).toEqual({ 'head.systolic': 'reading.bothPressures' });
    expect(messages({ 'head.systolic': '90', 'head.diastolic': '95' })).toEqual({ 'head.diastolic': 'reading.diastolicAboveSystolic' });
    expect(messages({ 'head.systolic': '14O', 'head.diastolic': '90' })).toEqual({ 'head.systolic': 'reading.systolicRange?min=60&max=260' });
  });

  it('catches a blood sugar in mg/dL and gives the mmol/L value', () => {
    expect(messages({ 'head.glucose': '108' })).toEqual({ 'head.glucose': 'reading.glucoseMgdl?mmol=6.0' });
    expect(messages({ 'head.glucose': '0.5' })).toEqual({ 'head.glucose': 'reading.glucoseRange?min=1.1&max=33.3' });
    expect(messages({ 'head.glucose': '6.15' })).toEqual({ 'head.glucose': 'reading.glucoseFormat' });
    expect(messages({ 'head.glucose': '33.3' })).toEqual({});
  });

  it('a referral needs the hospital; a hospital alone is a referral being arranged', () => {
    expect(messages({ 'head.referralState': 'done' })).toEqual({ 'head.referralTo': 'reading.referralWhere' });
    expect(parseReadings({ 'head.referralTo': '农安县人民医院' }).readings[0]).toMatchObject({ referralTo: '农安县人民医院', referralState: 'planned' });
    expect(messages({ 'head.referralTo': '农安县人民医院', 'head.referralState': 'maybe' })).toEqual({ 'head.referralState': 'validation.choice' });
  });

  it('reads blood pressure against the 140/90 and 90/60 lines', () => {
    expect(bloodPressureLevel(152, 96)).toBe('high');
    expect(bloodPressureLevel(130, 90)).toBe('high');
    expect(bloodPressureLevel(138, 88)).toBe('normal');
    expect(bloodPressureLevel(88, 58)).toBe('low');
  });
});

const form = (fields: Record<string, unknown> = {}) => ({
  householdId: '1',
  institutionId: '2',
  submissionKey: '0b6a3c1e-8a4f-4a52-9d0b-0e7c9f1d2a33',
  visitedOn: '2019-10-15',
  visitedTime: '09:30',
  purpose: 'care',
  visitors: ['5'],
  checks: { food: { state: 'yes' }, housing: { state: '', note: '' } },
  readings: {},
  quantities: {},
  followUps: { '1': {}, '2': {}, '3': {} },
  ...fields,
});
const issues = (fields: Record<string, unknown>) => {
  const result = visitSchema.safeParse(form(fields));
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('the visit form', () => {
  it('accepts a plain visit and drops empty follow-up rows and unanswered checks', () => {
    const visit = visitSchema.parse(form({ followUps: { '1': { action: '协助办理慢病卡', owner: '周丽华', dueDate: '2019-11-01' }, '2': { action: '', owner: '', dueDate: '' }, '3': {} } }));
    expect(visit.followUps).toEqual([{ action: '协助办理慢病卡', owner: '周丽华', dueDate: '2019-11-01' }]);
    expect(visit.checks.food).toEqual({ state: 'yes', note: null });
    expect(visit.checks.housing).toEqual({ state: null, note: null });
    expect(visit.checks.water).toEqual({ state: null, note: null });
    expect(visit.satisfaction).toBeNull();
    expect(visit.photos).toEqual([]);
  });

  it('a check answered "no" or "concern" needs a note saying what was seen', () => {
    expect(issues({ checks: { housing: { state: 'concern', note: '' }, water: { state: 'no' } } })).toEqual({
      'checks.housing.note': 'visit.checkNoteRequired',
      'checks.water.note': 'visit.checkNoteRequired',
    });
    expect(issues({ checks: { housing: { state: 'concern', note: '西屋墙体开裂' } } })).toEqual({});
    expect(issues({ checks: { housing: { state: 'maybe' } } })).toEqual({ 'checks.housing.state': 'validation.choice' });
  });

  it('a follow-up row begun must be finished: action, owner and due date', () => {
    expect(issues({ followUps: { '1': {}, '2': { action: '送降压药' }, '3': {} } })).toEqual({
      'followUps.2.owner': 'validation.required',
      'followUps.2.dueDate': 'validation.required',
    });
  });

  it('needs a visitor, a known satisfaction and at most four photos; reading issues keep their field', () => {
    expect(issues({ visitors: [] })).toEqual({ visitors: 'visit.visitorsRequired' });
    expect(issues({ satisfaction: 'very' })).toEqual({ satisfaction: 'validation.choice' });
    const photo = () => new File([new Uint8Array([1])], 'p.jpg', { type: 'image/jpeg' });
    expect(issues({ photos: [photo(), photo(), photo(), photo(), photo()] })).toEqual({ photos: 'visit.tooManyPhotos?max=4' });
    expect(issues({ readings: { 'head.systolic': '140' } })).toEqual({ 'readings.head.diastolic': 'reading.bothPressures' });
  });
});

describe('a visit draft', () => {
  it('keeps what the form can hold, and refuses what no form holds', () => {
    expect(visitDraftSchema.safeParse({ householdId: '1', difficulties: '取暖用煤不足', 'readings.head.systolic': '139' }).success).toBe(true);
    expect(visitDraftSchema.safeParse({ householdId: '1', difficulties: '煤'.repeat(2001) }).error?.issues[0]).toMatchObject({ path: ['difficulties'], message: 'validation.tooLong?max=2000' });
    const many = Object.fromEntries(Array.from({ length: 401 }, (_, i) => [`f${i}`, 'x']));
    expect(visitDraftSchema.safeParse({ householdId: '1', ...many }).error?.issues[0].message).toBe('visit.draftTooLarge');
    const long = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, '长'.repeat(1900)]));
    expect(visitDraftSchema.safeParse({ householdId: '1', ...long }).error?.issues[0].message).toBe('visit.draftTooLarge');
  });
});
