// The one declaration of the tally figures. Everything else is made from it: the figures' types and zeros, the
// running totals' columns (db/schema.ts), the sums read from them, the headline values of the dashboard, the
// downloads and the API, the breakdowns' columns, the press summary and the figures' words in both languages.
// Adding a figure is one entry here plus the query that counts it (counting.server.ts; a test checks that every
// declared figure is counted, and the counting refuses a figure not declared here).
import type { ItemKind, ItemUnit } from '#db/schema.ts';
import { HOUR_MS } from '../time/beijing.ts';

/** How a figure's shown value is written, and how many counted units make one of it. */
const UNITS = {
  count: { per: 1, places: 0 },
  yuan: { per: 100, places: 2 }, // counted in fen
  jin: { per: 500, places: 3 }, // counted in grams
  hours: { per: HOUR_MS, places: 2 }, // counted in milliseconds
} as const;
type Unit = keyof typeof UNITS;

/** The press writes a figure as a clause; `n` is the number as the press writes it (pressNumber). */
interface PressWording {
  /** Where the clause stands in the commission's release (seed 002), earliest first (a fraction between two). */
  at: number;
  zh: (n: string) => string;
  /** `one` says whether the number is exactly 1, for the singular. */
  en: (n: string, one: boolean) => string;
}

interface Declaration {
  /** The figure's name in the dashboard, the downloads, the API and published snapshots, in its shown unit. */
  key: string;
  /** The figure's name while counted, in counted units (fen, grams, milliseconds): the counting queries' column. */
  counted: string;
  /**
   * How it adds up: `sum` over the records (a tally over several days is the sum of the days'; kept per day in
   * tally_days), `distinct` keys among records (counted by distinctRecords; kept as each key's days), or
   * `materials`: the goods handed out of some kinds, by quantity or by value; or `contracts`: counted from the
   * family doctor contracts in force in the dates (contractFigures), never kept in running totals.
   */
  adds: 'sum' | 'distinct' | 'materials' | 'contracts';
  /** For `distinct`: what is counted once (tally_key_days.figure). */
  distinct?: string;
  /** For `materials`: which goods, and whether their quantity or their value. */
  materials?: { kinds: readonly ItemKind[]; measure: 'quantity' | 'valueFen' };
  unit: Unit;
  words: { zh: string; en: string };
  press?: PressWording;
  /** Shown as a headline figure (default); `false` for figures that only make a press clause. */
  headline?: false;
  /** A column of the breakdowns by institution, county and day: which one, from the left. */
  breakdown?: number;
  /** One of the headline tiles above the dashboard's figures and on the publicity office's home page: which one, from the left. */
  tile?: number;
  /**
   * About the records rather than the work done (how many lack a head count): the dashboard says it in a note
   * under its figures, not as one of them; the downloads and the API carry it as any other.
   */
  aboutRecords?: true;
}

const many = (n: string, one: boolean, singular: string, plural: string) => `${n} ${one ? singular : plural}`;

/** The figures, in the order the dashboard, the downloads and the API give them. */
export const FIGURES = [
  { key: 'events', counted: 'events', adds: 'sum', unit: 'count', words: { zh: '已完成活动', en: 'Events done' }, breakdown: 1, tile: 1 },
  {
    key: 'institutions',
    counted: 'institutions',
    adds: 'distinct',
    distinct: 'institution',
    unit: 'count',
    words: { zh: '参与医疗机构（家）', en: 'Institutions taking part' },
    press: { at: 2, zh: (n) => `${n}家医疗机构`, en: (n, one) => `${many(n, one, 'medical institution', 'medical institutions')} taking part` },
  },
  {
    key: 'ambulanceTrips',
    counted: 'ambulanceTrips',
    adds: 'sum',
    unit: 'count',
    words: { zh: '出动救护车（辆次）', en: 'Ambulance trips' },
    press: { at: 1, zh: (n) => `出动救护车${n}辆`, en: (n, one) => many(n, one, 'ambulance trip', 'ambulance trips') },
    breakdown: 3,
  },
  { key: 'ambulances', counted: 'ambulances', adds: 'distinct', distinct: 'ambulance', unit: 'count', words: { zh: '救护车（辆）', en: 'Ambulances' } },
  {
    key: 'medicalStaff',
    counted: 'medicalStaff',
    adds: 'distinct',
    distinct: 'medical_staff',
    unit: 'count',
    words: { zh: '医护人员（人）', en: 'Doctors and nurses (people)' },
    press: { at: 3, zh: (n) => `医护人员${n}人`, en: (n, one) => many(n, one, 'doctor or nurse', 'doctors and nurses') },
    tile: 4,
  },
  { key: 'medicalStaffTimes', counted: 'medicalStaffTimes', adds: 'sum', unit: 'count', words: { zh: '医护人员（人次）', en: 'Doctors and nurses (person-times)' } },
  {
    key: 'volunteers',
    counted: 'volunteers',
    adds: 'distinct',
    distinct: 'volunteer',
    unit: 'count',
    words: { zh: '志愿者（人）', en: 'Volunteers' },
    press: { at: 4, zh: (n) => `志愿者${n}人`, en: (n, one) => many(n, one, 'volunteer', 'volunteers') },
  },
  { key: 'volunteerHours', counted: 'volunteerMs', adds: 'sum', unit: 'hours', words: { zh: '志愿服务时长（小时）', en: 'Volunteer hours' } },
  { key: 'teamVolunteerHours', counted: 'teamVolunteerMs', adds: 'sum', unit: 'hours', words: { zh: '其中志愿服务队（小时）', en: 'of which by volunteer service teams (hours)' } },
  {
    key: 'peopleSeen',
    counted: 'peopleSeen',
    adds: 'sum',
    unit: 'count',
    words: { zh: '义诊人数（人次）', en: 'People seen at free clinics' },
    press: { at: 5, zh: (n) => `义诊人数${n}人`, en: (n, one) => `${many(n, one, 'person', 'people')} seen at free clinics` },
    breakdown: 2,
    tile: 2,
  },
  {
    key: 'talks',
    counted: 'talks',
    adds: 'sum',
    unit: 'count',
    words: { zh: '健康讲座（场）', en: 'Health talks' },
    press: { at: 5.1, zh: (n) => `开展健康讲座${n}场`, en: (n, one) => `${many(n, one, 'health talk', 'health talks')} given` },
  },
  {
    key: 'audience',
    counted: 'audience',
    adds: 'sum',
    unit: 'count',
    words: { zh: '讲座听众（人次）', en: 'Audience at talks (person-times)' },
    press: { at: 5.2, zh: (n) => `听众${n}人次`, en: (n) => `an audience of ${n}` },
  },
  {
    key: 'trainingSessions',
    counted: 'trainingSessions',
    adds: 'sum',
    unit: 'count',
    words: { zh: '培训（场）', en: 'Training sessions' },
    press: { at: 5.3, zh: (n) => `开展培训${n}场`, en: (n, one) => `${many(n, one, 'training session', 'training sessions')} held` },
  },
  {
    key: 'trainees',
    counted: 'trainees',
    adds: 'sum',
    unit: 'count',
    words: { zh: '培训（人次）', en: 'Trainees (person-times)' },
    press: { at: 5.4, zh: (n) => `培训${n}人次`, en: (n) => `${n} person-times trained` },
  },
  { key: 'trainingHours', counted: 'trainingHours', adds: 'sum', unit: 'count', words: { zh: '培训学时（小时）', en: 'Training hours' } },
  {
    key: 'consultations',
    counted: 'consultations',
    adds: 'sum',
    unit: 'count',
    words: { zh: '远程会诊（人次）', en: 'Remote consultations' },
    press: { at: 5.5, zh: (n) => `远程会诊${n}人次`, en: (n, one) => many(n, one, 'remote consultation', 'remote consultations') },
  },
  {
    key: 'prescriptions',
    counted: 'prescriptions',
    adds: 'sum',
    unit: 'count',
    words: { zh: '远程会诊处方（张）', en: 'Prescriptions by remote consultation' },
    press: { at: 5.6, zh: (n) => `开具处方${n}张`, en: (n, one) => `${many(n, one, 'prescription', 'prescriptions')} written` },
  },
  { key: 'clinicsServed', counted: 'clinicsServed', adds: 'sum', unit: 'count', words: { zh: '远程会诊服务村卫生室（家次）', en: 'Village clinics served remotely' } },
  {
    key: 'screened',
    counted: 'screened',
    adds: 'sum',
    unit: 'count',
    words: { zh: '筛查（人次）', en: 'People screened' },
    press: { at: 5.7, zh: (n) => `筛查${n}人次`, en: (n) => `${n} people screened` },
  },
  {
    key: 'positivesReferred',
    counted: 'positivesReferred',
    adds: 'sum',
    unit: 'count',
    words: { zh: '筛查阳性转诊（人）', en: 'Positives referred after screening' },
    press: { at: 5.8, zh: (n) => `阳性转诊${n}人`, en: (n, one) => `${many(n, one, 'positive', 'positives')} referred` },
  },
  { key: 'eventsWithoutHeadCount', counted: 'eventsWithoutHeadCount', adds: 'sum', unit: 'count', words: { zh: '未登记人数的活动', en: 'Events without a head count' }, aboutRecords: true },
  {
    key: 'householdsVisited',
    counted: 'householdsVisited',
    adds: 'distinct',
    distinct: 'household',
    unit: 'count',
    words: { zh: '走访贫困户（户）', en: 'Households visited' },
    press: { at: 6, zh: (n) => `走访贫困户${n}户`, en: (n, one) => `${many(n, one, 'poor household', 'poor households')} visited` },
    breakdown: 6,
    tile: 3,
  },
  { key: 'visits', counted: 'visits', adds: 'sum', unit: 'count', words: { zh: '入户走访（次）', en: 'Household visits' }, breakdown: 5 },
  {
    key: 'drugsYuan',
    counted: 'drugsFen',
    adds: 'materials',
    materials: { kinds: ['drug'], measure: 'valueFen' },
    unit: 'yuan',
    words: { zh: '发放药品（元）', en: 'Medicines handed out (yuan)' },
    press: { at: 7, zh: (n) => `发放药品${n}元`, en: (n) => `medicines worth ${n} yuan handed out` },
    breakdown: 4,
    tile: 5,
  },
  {
    key: 'warmClothing',
    counted: 'warmClothing',
    adds: 'materials',
    materials: { kinds: ['cotton_coat', 'quilt'], measure: 'quantity' },
    unit: 'count',
    words: { zh: '棉衣棉被（件）', en: 'Coats and quilts' },
    press: { at: 8, zh: (n) => `赠送棉衣棉被${n}件`, en: (n, one) => `${many(n, one, 'coat or quilt', 'coats and quilts')} given` },
    headline: false,
  },
  {
    key: 'leaflets',
    counted: 'leaflets',
    adds: 'materials',
    materials: { kinds: ['leaflet', 'booklet'], measure: 'quantity' },
    unit: 'count',
    words: { zh: '宣传资料（份）', en: 'Leaflets' },
    press: { at: 9, zh: (n) => `发放扶贫济困宣传资料${n}份`, en: (n, one) => `${many(n, one, 'leaflet', 'leaflets')} handed out` },
    headline: false,
  },
  {
    key: 'posters',
    counted: 'posters',
    adds: 'materials',
    materials: { kinds: ['poster'], measure: 'quantity' },
    unit: 'count',
    words: { zh: '宣传海报（份）', en: 'Posters' },
    press: { at: 10, zh: (n) => `张贴宣传海报${n}份`, en: (n, one) => `${many(n, one, 'poster', 'posters')} put up` },
    headline: false,
  },
  {
    key: 'cashYuan',
    counted: 'cashFen',
    adds: 'sum',
    unit: 'yuan',
    words: { zh: '慰问金（元）', en: 'Cash support (yuan)' },
    press: { at: 11, zh: (n) => `发放慰问金${n}元`, en: (n) => `${n} yuan of cash support` },
  },
  {
    key: 'supportFundsYuan',
    counted: 'supportFundsFen',
    adds: 'sum',
    unit: 'yuan',
    words: { zh: '帮扶资金（元）', en: 'Support funds (yuan)' },
    press: { at: 12, zh: (n) => `支持村集体帮扶资金${n}元`, en: (n) => `${n} yuan of support funds to village collectives` },
  },
  {
    key: 'inKindYuan',
    counted: 'inKindFen',
    adds: 'sum',
    unit: 'yuan',
    words: { zh: '捐赠物资（元）', en: 'Goods donated (yuan)' },
    press: { at: 13, zh: (n) => `捐赠物资价值${n}元`, en: (n) => `goods worth ${n} yuan donated` },
  },
  {
    key: 'projectFundsCommittedYuan',
    counted: 'projectCommittedFen',
    adds: 'sum',
    unit: 'yuan',
    words: { zh: '帮扶项目资金承诺（元）', en: 'Project funds committed (yuan)' },
    press: { at: 13.1, zh: (n) => `承诺帮扶项目资金${n}元`, en: (n) => `${n} yuan committed to support projects` },
  },
  {
    key: 'projectFundsPaidYuan',
    counted: 'projectPaidFen',
    adds: 'sum',
    unit: 'yuan',
    words: { zh: '帮扶项目资金到位（元）', en: 'Project funds paid (yuan)' },
    press: { at: 13.2, zh: (n) => `到位${n}元`, en: (n) => `${n} yuan of it paid` },
  },
  { key: 'purchaseJin', counted: 'purchaseGrams', adds: 'sum', unit: 'jin', words: { zh: '消费扶贫采购（斤）', en: 'Produce bought (斤)' } },
  { key: 'purchaseCases', counted: 'purchaseCases', adds: 'sum', unit: 'count', words: { zh: '消费扶贫采购（箱）', en: 'Produce bought (cases)' } },
  {
    key: 'purchaseYuan',
    counted: 'purchaseFen',
    adds: 'sum',
    unit: 'yuan',
    words: { zh: '消费扶贫采购（元）', en: 'Produce bought (yuan)' },
    press: { at: 14, zh: (n) => `消费扶贫采购${n}元`, en: (n) => `${n} yuan of produce bought from poor villages` },
    tile: 6,
  },
  {
    key: 'referrals',
    counted: 'referrals',
    adds: 'sum',
    unit: 'count',
    words: { zh: '转诊（人次）', en: 'Referrals' },
    press: { at: 15, zh: (n) => `转诊${n}人次`, en: (n, one) => many(n, one, 'referral', 'referrals') },
  },
  { key: 'referralsDone', counted: 'referralsDone', adds: 'sum', unit: 'count', words: { zh: '已转诊（人次）', en: 'Referrals done' } },
  { key: 'contractedHouseholds', counted: 'contractedHouseholds', adds: 'contracts', unit: 'count', words: { zh: '家庭医生签约户（户）', en: 'Households under a family doctor contract' } },
  { key: 'followUpsDue', counted: 'followUpsDue', adds: 'contracts', unit: 'count', words: { zh: '签约户应随访（次）', en: 'Contract follow-ups due' } },
  { key: 'followUpsDone', counted: 'followUpsDone', adds: 'contracts', unit: 'count', words: { zh: '签约户按时随访（次）', en: 'Contract follow-ups done in time' } },
] as const satisfies readonly Declaration[];

type Figure = (typeof FIGURES)[number];
export type FigureKey = Figure['key'];
/** The figures that add up over days: the running totals' columns per day (tally_days). */
export type AdditiveName = Extract<Figure, { adds: 'sum' }>['counted'];
export type DistinctFigure = Extract<Figure, { adds: 'distinct' }>['distinct'];
type DistinctName = Extract<Figure, { adds: 'distinct' }>['counted'];
export type ContractName = Extract<Figure, { adds: 'contracts' }>['counted'];
export type HeadlineFigure = Exclude<Figure, { headline: false }>['key'];
export type BreakdownFigure = Extract<Figure, { breakdown: number }>;
export type BreakdownName = BreakdownFigure['counted'];

const ofKind = <A extends Figure['adds']>(adds: A) => FIGURES.filter((f): f is Extract<Figure, { adds: A }> => f.adds === adds);
export const ADDITIVE_NAMES = ofKind('sum').map((f) => f.counted);
export const DISTINCT_FIGURES = ofKind('distinct').map((f) => f.distinct);
export const CONTRACT_NAMES = ofKind('contracts').map((f) => f.counted);
export const HEADLINE_FIGURES = FIGURES.filter((f): f is Exclude<Figure, { headline: false }> => !('headline' in f)).map((f) => f.key);
/** The figures of the dashboard's table: the headline figures that count work done. */
export const WORK_FIGURES = HEADLINE_FIGURES.filter((key) => !FIGURES.some((f) => f.key === key && 'aboutRecords' in f));
/** The headline tiles, from the left. */
export const TILE_FIGURES = FIGURES.filter((f): f is Extract<Figure, { tile: number }> => 'tile' in f)
  .sort((a, b) => a.tile - b.tile)
  .map((f) => f.key);
export const BREAKDOWN_FIGURES = FIGURES.filter((f): f is BreakdownFigure => 'breakdown' in f).sort((a, b) => a.breakdown - b.breakdown);

/** A line of goods handed out, net of reversals: by kind and unit (grams for goods by weight), with its value in fen. */
export interface MaterialLine {
  kind: ItemKind;
  unit: ItemUnit;
  quantity: number;
  valueFen: number;
}

/** The figures that add up, as counted (fen, grams, milliseconds), with the goods by kind and unit. */
export type AdditiveFigures = Record<AdditiveName, number> & { materials: MaterialLine[] };
/** The figures counted from the records (or their running totals): the additive ones and each distinct one's keys. */
export type RecordFigures = AdditiveFigures & Record<DistinctName, number>;
/** The figures counted from the family doctor contracts. */
export type ContractFigures = Record<ContractName, number>;
/** A tally as counted. */
export type Figures = RecordFigures & ContractFigures;

export function isAdditiveName(name: string): name is AdditiveName {
  return (ADDITIVE_NAMES as readonly string[]).includes(name);
}

/** Nothing counted: every additive figure zero, no goods. */
export function noAdditiveFigures(): AdditiveFigures {
  return { ...(Object.fromEntries(ADDITIVE_NAMES.map((name) => [name, 0])) as Record<AdditiveName, number>), materials: [] };
}

/** The figures of the records from their two halves: the additive ones and each distinct figure's count. */
export function figuresOf(additive: AdditiveFigures, distinct: Record<DistinctFigure, number>): RecordFigures {
  const counts = Object.fromEntries(ofKind('distinct').map((f) => [f.counted, distinct[f.distinct]])) as Record<DistinctName, number>;
  return { ...additive, ...counts, materials: additive.materials.filter((m) => m.quantity !== 0) };
}

/** A figure's value in counted units (fen, grams, milliseconds, or a number of things). */
function countedValue(figure: Figure, figures: Figures): number {
  if (figure.adds !== 'materials') return figures[figure.counted];
  const { kinds, measure } = figure.materials;
  return figures.materials.filter((m) => (kinds as readonly ItemKind[]).includes(m.kind)).reduce((sum, m) => sum + m[measure], 0);
}

/** A counted value in the figure's shown unit: yuan with two decimals, 斤, hours with two decimals. */
export function shown(figure: Pick<Figure, 'unit'>, counted: number): number {
  const { per, places } = UNITS[figure.unit];
  const scale = 10 ** places;
  return Math.round((counted / per) * scale) / scale;
}

/** Each figure's value in its shown unit (headline and press-only figures alike). */
export function shownFigures(figures: Figures): Record<FigureKey, number> {
  return Object.fromEntries(FIGURES.map((f) => [f.key, shown(f, countedValue(f, figures))])) as Record<FigureKey, number>;
}

/** Each headline figure's value in its shown unit. */
export function headline(figures: Figures): Record<HeadlineFigure, number> {
  const values = shownFigures(figures);
  return Object.fromEntries(HEADLINE_FIGURES.map((key) => [key, values[key]])) as Record<HeadlineFigure, number>;
}

/** The figures the press summary writes, in the release's order. */
export const PRESS_FIGURES = FIGURES.filter((f): f is Extract<Figure, { press: PressWording }> => 'press' in f).sort((a, b) => a.press.at - b.press.at);

/** The dictionary entries for the figures' words (`tally.figure.<key>`), for the dictionaries of each language. */
export function figureWords(language: 'zh' | 'en'): Readonly<Record<`tally.figure.${FigureKey}`, string>> {
  return Object.fromEntries(FIGURES.map((f): [string, string] => [`tally.figure.${f.key}`, f.words[language]])) as Record<`tally.figure.${FigureKey}`, string>;
}
