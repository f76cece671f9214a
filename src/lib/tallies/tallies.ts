// Tallies for the publicity office (统计): the filter form, numbers written the way the Chinese press writes
// them ("8000余人", "5万余元", "约6万"), year-over-year change, and the press summary in the style of the
// commission's own release (seed 002), from the figures declared in figures.ts. docs/tallies.md states every
// counting rule.
import { z } from 'zod';
import { formatNumber } from '#src/i18n/index.ts';
import { englishPlaceName } from '../places/place-names.ts';
import { addDays, lastDayOfMonth } from '../time/beijing.ts';
import { dateField, message, optionalIdField } from '../validation/fields.ts';
import { type FigureKey, type Figures, PRESS_FIGURES, shownFigures } from './figures.ts';

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

/** The spans a breakdown by time groups days into. */
export const PERIODS = ['day', 'week', 'month'] as const;
export type Period = (typeof PERIODS)[number];
export const isPeriod = (by: string): by is Period => (PERIODS as readonly string[]).includes(by);

/**
 * The first and last day of the period a breakdown row names (a day, a week by its Monday, a month as
 * '2019-10'), within a tally's dates: its first week or month may begin before them, its last end after.
 */
export function periodDates(period: Period, key: string, within: { from?: string | null; to?: string | null } = {}): { from: string; to: string } {
  const whole = period === 'day' ? { from: key, to: key } : period === 'week' ? { from: key, to: addDays(key, 6) } : { from: `${key}-01`, to: lastDayOfMonth(key) };
  return { from: within.from && within.from > whole.from ? within.from : whole.from, to: within.to && within.to < whole.to ? within.to : whole.to };
}

/** How a breakdown row names its period: the day, the month, or a week's first and last day within the tally's dates. */
export function periodLabel(period: Period, key: string, within: { from?: string | null; to?: string | null } = {}): string {
  const { from, to } = periodDates(period, key, within);
  return period === 'week' ? `${from}～${to}` : key;
}

/**
 * The period a tally's days are broken down by at first: days over two months at most, weeks over half a
 * year, months over anything longer or with no start or end (a table of thousands of days is read by nobody).
 */
export function periodOfDates(from: string | undefined | null, to: string | undefined | null): Period {
  if (!from || !to) return 'month';
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  return days <= 62 ? 'day' : days <= 183 ? 'week' : 'month';
}

/** A line of materials in the unit people read: goods by weight in 斤, the rest in their own unit. */
export function materialAmount(line: { unit: string; quantity: number }): { amount: number; unit: string } {
  return line.unit === 'jin' || line.unit === 'kg' ? { amount: line.quantity / 500, unit: 'jin' } : { amount: line.quantity, unit: line.unit };
}

export interface PressNumber {
  /** "8000余", "约6万", "150" */
  zh: string;
  /** "more than 8,000", "about 60,000", "150" */
  en: string;
}

const WAN = 10_000;
const YI = 100_000_000;

/**
 * A count or an amount as the press writes it. Below 100, or with at most two significant digits, the number
 * itself (慰问金6200元, 4.8万). Otherwise it is taken down to a round step (50 for hundreds, 500 for thousands, a
 * whole 万 from ten thousand, a whole 亿 from a hundred million) and "余" says there is more; a number within 2%
 * below the next step is "约" that step instead.
 * 150 → "150", 153 → "150余", 6,200 → "6200", 8,237 → "8000余", 7,950 → "约8000", 53,400 → "5万余", 60,000 → "6万".
 */
export function pressNumber(n: number): PressNumber {
  const value = Math.floor(n);
  const twoDigits = 10 ** Math.max(0, String(value).length - 2);
  if (value < 100 || value % twoDigits === 0) return { zh: chinese(value), en: formatNumber('en', value) };
  const step = value < 1_000 ? 50 : value < WAN ? 500 : value < YI ? WAN : YI;
  const floor = Math.floor(value / step) * step;
  const next = floor + step;
  if (value === floor) return { zh: chinese(floor), en: formatNumber('en', floor) };
  if (next - value <= next * 0.02) return { zh: `约${chinese(next)}`, en: `about ${formatNumber('en', next)}` };
  return { zh: `${chinese(floor)}余`, en: `more than ${formatNumber('en', floor)}` };
}

/** How the press writes a figure in a language when that is not the exact number itself (8000余, 6万), else null. */
export function pressRounding(n: number, language: 'zh' | 'en'): string | null {
  const written = pressNumber(n)[language];
  return written === (language === 'zh' ? String(n) : formatNumber('en', n)) ? null : written;
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
  key: FigureKey;
  /** The exact figure, as shown beside the rounded one. */
  exact: number;
  zh: string;
  en: string;
}

/** "全市", "全县", "全区"…: the whole of an area, by the kind its name ends with. */
const WHOLE_AREA: Record<string, string> = { 省: '全省', 市: '全市', 州: '全州', 盟: '全盟', 县: '全县', 区: '全区', 旗: '全旗', 乡: '全乡', 镇: '全镇' };

/**
 * How the summary opens for a chosen area: "全市共…" ("农安县共…" where the name's kind is not one of those),
 * and in English the name in pinyin with the Chinese beside it: "Across Nong'an County (农安县): …".
 */
export function summaryScope(area: { level: string; name: string } | null): { zh: string; en: string } {
  if (!area) return { zh: '', en: '' };
  return { zh: WHOLE_AREA[area.name.slice(-1)] ?? area.name, en: `Across ${englishPlaceName(area.name)} (${area.name})` };
}

/** The figures of those who took part, which the release writes as one clause with its verb: "50家医疗机构医护人员300余人、志愿者20人参与". */
const TAKING_PART: readonly FigureKey[] = ['institutions', 'medicalStaff', 'volunteers'];

/**
 * The press summary, clause by clause in the order of the commission's release (figures.ts), leaving out what
 * is zero: "全市共出动救护车150余辆，50家医疗机构医护人员300余人参与，义诊人数8000余人，发放药品5万余元……".
 * `scope` names the area ("全市", "全县") or is empty; money is written in whole yuan.
 */
export function pressSummary(figures: Figures, scope: { zh: string; en: string }): { zh: string; en: string; parts: SummaryPart[] } {
  const values = shownFigures(figures);
  const parts: SummaryPart[] = PRESS_FIGURES.map((figure) => ({ figure, exact: Math.round(values[figure.key]) }))
    .filter(({ exact }) => exact > 0)
    .map(({ figure, exact }) => {
      const p = pressNumber(exact);
      return { key: figure.key, exact, zh: figure.press.zh(p.zh), en: figure.press.en(p.en, p.en === '1') };
    });
  if (parts.length === 0) return { zh: '', en: '', parts };
  // The institutions run straight into their staff, as in the release; the volunteers follow; then the verb.
  const together = parts.filter((part) => TAKING_PART.includes(part.key));
  const takingPart = `${together.map((part, i) => (i > 0 && part.key === 'volunteers' ? `、${part.zh}` : part.zh)).join('')}参与`;
  const zhClauses = parts.flatMap((part) => (!TAKING_PART.includes(part.key) ? [part.zh] : part === together[0] ? [takingPart] : []));
  // "共有50家医疗机构…参与" when those who took part come first; "共出动救护车…" otherwise.
  const zh = `${scope.zh}共${together[0] === parts[0] ? '有' : ''}${zhClauses.join('，')}。`;
  const en = `${scope.en ? `${scope.en}: ` : ''}${parts.map((p) => p.en).join(', ')}.`;
  return { zh, en: en.charAt(0).toUpperCase() + en.slice(1), parts };
}
