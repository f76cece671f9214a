// Tallies for the publicity office (统计): the filter form, numbers written the way the Chinese press writes
// them ("8000余人", "5万余元", "约6万"), year-over-year change, and the press summary in the style of the
// commission's own release (seed 002). docs/tallies.md states every counting rule.
import { z } from 'zod';
import type { ItemKind, ItemUnit } from '#db/schema.ts';
import { dateField, message, optionalIdField } from '../validation/fields.ts';

const optionalDate = z.preprocess((value) => (value === '' || value === null ? undefined : value), dateField.optional());

export const tallyFilterSchema = z
  .object({
    campaign: optionalIdField,
    from: optionalDate,
    to: optionalDate,
    area: optionalIdField,
    institution: optionalIdField,
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to < value.from) ctx.addIssue({ code: 'custom', path: ['to'], message: message('tally.toBeforeFrom') });
  });

export type TallyFilters = z.output<typeof tallyFilterSchema>;

/** The figures of a tally. Money in fen, weights in grams, hours in hundredths. */
export interface Figures {
  events: number;
  ambulanceTrips: number;
  ambulances: number;
  institutions: number;
  medicalStaff: number;
  medicalStaffTimes: number;
  volunteers: number;
  volunteerHundredthHours: number;
  peopleSeen: number;
  eventsWithoutHeadCount: number;
  householdsVisited: number;
  visits: number;
  drugsFen: number;
  materials: { kind: ItemKind; unit: ItemUnit; quantity: number; valueFen: number }[];
  cashFen: number;
  inKindFen: number;
  purchaseGrams: number;
  purchaseCases: number;
  purchaseFen: number;
  referrals: number;
  referralsDone: number;
}

/** A line of materials in the unit people read: goods by weight in 斤, the rest in their own unit. */
export function materialAmount(line: { unit: string; quantity: number }): { amount: number; unit: string } {
  return line.unit === 'jin' || line.unit === 'kg' ? { amount: line.quantity / 500, unit: 'jin' } : { amount: line.quantity, unit: line.unit };
}

/** Publicity materials, counted together as 宣传资料 in the summary; posters are their own figure. */
export const LEAFLET_KINDS: readonly ItemKind[] = ['leaflet', 'booklet'];

export interface PressNumber {
  /** "8000余", "约6万", "150" */
  zh: string;
  /** "more than 8,000", "about 60,000", "150" */
  en: string;
}

const WAN = 10_000;
const YI = 100_000_000;

/**
 * A count or an amount as the press writes it. Below 100 the number itself. Otherwise it is taken down to a
 * round step (50 for hundreds, 500 for thousands, a whole 万 from ten thousand, a whole 亿 from a hundred
 * million) and "余" says there is more; a number within 2% below the next step is "约" that step instead.
 * 150 → "150", 153 → "150余", 8,237 → "8000余", 7,950 → "约8000", 53,400 → "5万余", 60,000 → "6万".
 */
export function pressNumber(n: number): PressNumber {
  const value = Math.floor(n);
  if (value < 100) return { zh: String(value), en: value.toLocaleString('en') };
  const step = value < 1_000 ? 50 : value < WAN ? 500 : value < YI ? WAN : YI;
  const floor = Math.floor(value / step) * step;
  const next = floor + step;
  if (value === floor) return { zh: chinese(floor), en: floor.toLocaleString('en') };
  if (next - value <= next * 0.02) return { zh: `约${chinese(next)}`, en: `about ${next.toLocaleString('en')}` };
  return { zh: `${chinese(floor)}余`, en: `more than ${floor.toLocaleString('en')}` };
}

function chinese(n: number): string {
  if (n >= YI) return `${n / YI}亿`;
  if (n >= WAN) return `${n / WAN}万`;
  return String(n);
}

/** Change against the year before: the difference and the percentage (null when there was nothing then). */
export function yearOnYear(now: number, before: number): { difference: number; percent: number | null } {
  if (before === 0) return { difference: now, percent: null };
  // Halves round away from zero, so a fall reads the same as a rise of the same size.
  const tenths = ((now - before) / before) * 1000;
  return { difference: now - before, percent: (Math.sign(tenths) * Math.round(Math.abs(tenths))) / 10 };
}

export interface SummaryPart {
  key: string;
  /** The exact figure, as shown beside the rounded one. */
  exact: number;
  zh: string;
  en: string;
}

/** How the summary opens for a chosen area: "全市共…", "Across the county: …". */
export function summaryScope(area: { level: string; name: string } | null): { zh: string; en: string } {
  if (area?.level === 'city') return { zh: '全市', en: `Across ${area.name}` };
  if (area?.level === 'county') return { zh: '全县（区）', en: `Across ${area.name}` };
  if (area?.level === 'township') return { zh: '全乡（镇）', en: `Across ${area.name}` };
  return { zh: '', en: '' };
}

/**
 * The press summary, clause by clause in the order of the commission's release, leaving out what is zero:
 * "全市共出动救护车150余辆，50家医疗机构医护人员300余人，义诊人数8000余人，发放药品约5万余元……".
 * `scope` names the area ("全市", "全县") or is empty; money is shown in yuan.
 */
export function pressSummary(figures: Figures, scope: { zh: string; en: string }): { zh: string; en: string; parts: SummaryPart[] } {
  const yuan = (fen: number) => Math.round(fen / 100);
  const leaflets = figures.materials.filter((m) => LEAFLET_KINDS.includes(m.kind)).reduce((sum, m) => sum + m.quantity, 0);
  const posters = figures.materials.filter((m) => m.kind === 'poster').reduce((sum, m) => sum + m.quantity, 0);
  const warm = figures.materials.filter((m) => m.kind === 'cotton_coat' || m.kind === 'quilt').reduce((sum, m) => sum + m.quantity, 0);
  // "1 ambulance trip", "more than 150 ambulance trips".
  const of = (p: PressNumber, one: string, many: string) => `${p.en} ${p.en === '1' ? one : many}`;
  const candidates: [string, number, (p: PressNumber) => [string, string]][] = [
    ['ambulanceTrips', figures.ambulanceTrips, (p) => [`出动救护车${p.zh}辆`, of(p, 'ambulance trip', 'ambulance trips')]],
    ['institutions', figures.institutions, (p) => [`${p.zh}家医疗机构`, of(p, 'medical institution', 'medical institutions')]],
    ['medicalStaff', figures.medicalStaff, (p) => [`医护人员${p.zh}人`, of(p, 'doctor or nurse', 'doctors and nurses')]],
    ['volunteers', figures.volunteers, (p) => [`志愿者${p.zh}人`, of(p, 'volunteer', 'volunteers')]],
    ['peopleSeen', figures.peopleSeen, (p) => [`义诊人数${p.zh}人`, `${of(p, 'person', 'people')} seen at free clinics`]],
    ['householdsVisited', figures.householdsVisited, (p) => [`走访贫困户${p.zh}户`, `${of(p, 'poor household', 'poor households')} visited`]],
    ['drugs', yuan(figures.drugsFen), (p) => [`发放药品${p.zh}元`, `medicines worth ${p.en} yuan handed out`]],
    ['warmClothing', warm, (p) => [`赠送棉衣棉被${p.zh}件`, `${of(p, 'coat or quilt', 'coats and quilts')} given`]],
    ['leaflets', leaflets, (p) => [`扶贫济困宣传资料${p.zh}份`, of(p, 'leaflet', 'leaflets')]],
    ['posters', posters, (p) => [`张贴宣传海报${p.zh}份`, `${of(p, 'poster', 'posters')} put up`]],
    ['cash', yuan(figures.cashFen), (p) => [`发放慰问金${p.zh}元`, `${p.en} yuan of cash support`]],
    ['purchases', yuan(figures.purchaseFen), (p) => [`消费扶贫采购${p.zh}元`, `${p.en} yuan of produce bought from poor villages`]],
    ['referrals', figures.referrals, (p) => [`转诊${p.zh}人次`, of(p, 'referral', 'referrals')]],
  ];
  const parts: SummaryPart[] = candidates
    .filter(([, exact]) => exact > 0)
    .map(([key, exact, say]) => {
      const [zh, en] = say(pressNumber(exact));
      return { key, exact, zh, en };
    });
  if (parts.length === 0) return { zh: '', en: '', parts };
  // "50家医疗机构医护人员300余人": the institutions run straight into their staff, as in the release.
  const zhClauses: string[] = [];
  parts.forEach((part, i) => {
    if (i > 0 && part.key === 'medicalStaff' && parts[i - 1].key === 'institutions') zhClauses[zhClauses.length - 1] += part.zh;
    else zhClauses.push(part.zh);
  });
  const zh = `${scope.zh}共${zhClauses.join('，')}。`;
  const en = `${scope.en ? `${scope.en}: ` : ''}${parts.map((p) => p.en).join(', ')}.`;
  return { zh, en: en.charAt(0).toUpperCase() + en.slice(1), parts };
}

/** The headline figures in the order the dashboard, the exports and the API give them, in display units. */
export const HEADLINE_FIGURES = [
  'events',
  'institutions',
  'ambulanceTrips',
  'ambulances',
  'medicalStaff',
  'medicalStaffTimes',
  'volunteers',
  'volunteerHours',
  'peopleSeen',
  'eventsWithoutHeadCount',
  'householdsVisited',
  'visits',
  'drugsYuan',
  'cashYuan',
  'inKindYuan',
  'purchaseJin',
  'purchaseCases',
  'purchaseYuan',
  'referrals',
  'referralsDone',
] as const;
export type HeadlineFigure = (typeof HEADLINE_FIGURES)[number];

/** Each headline figure's value: yuan (two decimals), 斤 and hours rather than fen, grams and hundredths. */
export function headline(figures: Figures): Record<HeadlineFigure, number> {
  const { materials: _materials, drugsFen, cashFen, inKindFen, purchaseGrams, purchaseFen, volunteerHundredthHours, ...counts } = figures;
  return {
    ...counts,
    volunteerHours: volunteerHundredthHours / 100,
    drugsYuan: drugsFen / 100,
    cashYuan: cashFen / 100,
    inKindYuan: inKindFen / 100,
    purchaseJin: purchaseGrams / 500,
    purchaseYuan: purchaseFen / 100,
  };
}
