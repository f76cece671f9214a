// The tables behind the dashboard's figures, in the reader's language, for the CSV and XLSX downloads: one
// function, so the two files always hold the same.
import { type Locale, translate } from '#src/i18n/index.ts';
import type { Breakdown, BreakdownRow } from './tallies.server.ts';
import { materialAmount, pressNumber } from './tallies.ts';
import { BREAKDOWN_FIGURES, type Figures, HEADLINE_FIGURES, type HeadlineFigure, shown } from './figures.ts';
import { fromBaseQuantity } from '#src/lib/units/quantities.ts';
import { fileName } from '#src/lib/downloads/file-name.ts';
import { beijingDate } from '#src/lib/time/beijing.ts';
import { dayCell, type Table } from '#src/lib/downloads/spreadsheet.ts';


export interface TableData {
  headline: Record<HeadlineFigure, number>;
  earlierHeadline: Record<HeadlineFigure, number> | null;
  figures: Figures;
  summary: { zh: string; en: string };
  purchases: { product: string; unit: 'jin' | 'case'; weighed: number; orderedOnly: number; quantity: number; valueFen: number }[];
  breakdowns: { by: Breakdown; rows: BreakdownRow[] }[];
  events: { date: string; title: string; organiser: string; village: string | null; peopleSeen: number | null; ambulanceTrips: number; drugsFen: number }[];
  /** headName is null where the reader may not see who was visited. */
  visits: { visitedAt: number; purpose: string; institution: string; village: string; headName: string | null }[];
}

/**
 * What a tally's download is called, so that a folder of them can be told apart: what it counts (the campaign,
 * area and institution chosen) and the days it covers, in the reader's words
 * (义诊统计_农安县_2019-10-01_2019-10-31.xlsx). Without a start it covers everything until its end, or until
 * today.
 */
export function tallyDownloadName(
  locale: Locale,
  { named, from, to, today }: { named: string[]; from: string | null; to: string | null; today: string },
  extension: 'csv' | 'xlsx',
): string {
  const days = from ? [from, to ?? today] : [to ? translate(locale, 'download.until', { date: to }) : translate(locale, 'download.asOf', { date: today })];
  return fileName([translate(locale, 'download.tallies'), ...named, ...days], extension);
}

export function tallyTables(data: TableData, locale: Locale): Table[] {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params);
  const press = (n: number) => (locale === 'en' ? pressNumber(n).en : pressNumber(n).zh);
  return [
    {
      name: t('tally.figures'),
      rows: [
        [t('tally.figure'), t('tally.exact'), t('tally.press'), t('tally.yearBefore')],
        ...HEADLINE_FIGURES.map((key) => [t(`tally.figure.${key}`), data.headline[key], press(data.headline[key]), data.earlierHeadline?.[key] ?? null]),
        [],
        [t('tally.summary'), data.summary.zh],
        ['', data.summary.en],
      ],
    },
    {
      name: t('tally.materials'),
      rows: [
        [t('tally.kind'), t('stock.amount'), t('stock.value')],
        ...data.figures.materials.map((m) => {
          const { amount, unit } = materialAmount(m);
          return [`${t(`itemKind.${m.kind}`)}（${t(`unit.${unit as 'piece'}`)}）`, amount, m.valueFen / 100];
        }),
      ],
    },
    {
      name: t('tally.purchasesByProduct'),
      rows: [
        [t('purchase.product'), t('purchase.unit'), t('purchase.weighed'), t('purchase.orderedOnly'), t('purchase.quantity'), t('purchase.total')],
        ...data.purchases.map((p) => [p.product, t(`unit.${p.unit}`), fromBaseQuantity(p.unit, p.weighed), fromBaseQuantity(p.unit, p.orderedOnly), fromBaseQuantity(p.unit, p.quantity), p.valueFen / 100]),
      ],
    },
    ...data.breakdowns.map(({ by, rows }) => ({
      name: t('tally.breakdown', { by: t(`tally.by.${by}`) }),
      rows: [
        [t(`tally.by.${by}`), ...BREAKDOWN_FIGURES.map((f) => t(`tally.figure.${f.key}`))],
        ...rows.map((r) => [by === 'day' && r.key ? dayCell(r.key) : (r.label ?? t('tally.noVillage')), ...BREAKDOWN_FIGURES.map((f) => shown(f, r[f.counted]))]),
      ],
    })),
    {
      name: t('tally.events'),
      rows: [
        [t('householdFile.date'), t('event.title'), t('event.organiser'), t('place.village'), t('tally.figure.peopleSeen'), t('tally.figure.ambulanceTrips'), t('tally.figure.drugsYuan')],
        ...data.events.map((e) => [dayCell(e.date), e.title, e.organiser, e.village, e.peopleSeen, e.ambulanceTrips, e.drugsFen / 100]),
      ],
    },
    {
      name: t('tally.visits'),
      rows: [
        [t('householdFile.date'), t('visit.institution'), t('place.village'), t('followUp.household'), t('visit.purpose')],
        ...data.visits.map((v) => [dayCell(beijingDate(v.visitedAt)), v.institution, v.village, v.headName, t(`purpose.${v.purpose as 'care'}`)]),
      ],
    },
  ];
}
