// A person's blood pressure and blood sugar over their visits, as a chart on the household page.
import type { Locale } from '#db/schema.ts';
import { chartSvg } from '../charts/charts.ts';
import { beijingDate } from '../time/beijing.ts';

export interface ReadingPoint {
  visitedAt: number;
  systolic: number | null;
  diastolic: number | null;
  glucoseTenths: number | null;
}

export interface ChartLabels {
  systolic: string;
  diastolic: string;
  glucose: string;
}

/** How the time axis writes its years, months and days, in the reader's language (ECharts' own names are English). */
const TIME_AXIS: Record<Locale, Record<'year' | 'month' | 'day', string>> = {
  'zh-CN': { year: '{yyyy}年', month: '{M}月', day: '{M}月{d}日' },
  en: { year: '{yyyy}', month: '{MMM}', day: '{d} {MMM}' },
};

/** Groups readings by person (head or member), oldest first, keeping only people with a number to plot. */
export function readingSeries<T extends ReadingPoint & { memberId: number | null; member: string | null }>(readings: T[], headName: string) {
  const byPerson = new Map<string, { name: string; points: ReadingPoint[] }>();
  for (const r of readings) {
    if (r.systolic === null && r.glucoseTenths === null) continue;
    const key = r.memberId === null ? 'head' : `m${r.memberId}`;
    const person = byPerson.get(key) ?? { name: r.memberId === null ? headName : (r.member ?? ''), points: [] };
    person.points.push(r);
    byPerson.set(key, person);
  }
  for (const person of byPerson.values()) person.points.sort((a, b) => a.visitedAt - b.visitedAt);
  return [...byPerson.values()];
}

/** The chart as an SVG string, blood pressure on the left axis (mmHg) and blood sugar on the right (mmol/L). */
export function healthChartSvg(points: ReadingPoint[], labels: ChartLabels, locale: Locale): string {
  const pressure = points.filter((p) => p.systolic !== null);
  const sugar = points.filter((p) => p.glucoseTenths !== null);
  return chartSvg({
    legend: { top: 0 },
    grid: { left: 44, right: 44, top: 32, bottom: 28 },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true, formatter: TIME_AXIS[locale] } },
    yAxis: [
      { type: 'value', name: 'mmHg', min: 40, max: (v: { max: number }) => Math.max(180, v.max + 10) },
      { type: 'value', name: 'mmol/L', min: 0, max: (v: { max: number }) => Math.max(15, Math.ceil(v.max + 1)), splitLine: { show: false } },
    ],
    series: [
      // 140/90: where the Chinese guideline calls blood pressure high.
      { name: labels.systolic, type: 'line', data: pressure.map((p) => [beijingDate(p.visitedAt), p.systolic]), color: '#b3261e', markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { type: 'dashed', color: '#b3261e', opacity: 0.5 }, data: [{ yAxis: 140 }] } },
      { name: labels.diastolic, type: 'line', data: pressure.map((p) => [beijingDate(p.visitedAt), p.diastolic]), color: '#1f5fa8' },
      { name: labels.glucose, type: 'line', yAxisIndex: 1, data: sugar.map((p) => [beijingDate(p.visitedAt), p.glucoseTenths! / 10]), color: '#2e7d32', lineStyle: { type: 'dotted' } },
    ],
  });
}
