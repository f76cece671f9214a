// The dashboard's figures as a spreadsheet: every headline figure exact and as the press writes it, the same a
// year earlier, and the materials by kind. The same filters as the dashboard's address.
import type { APIRoute } from 'astro';
import { type Locale, translate } from '../../i18n/index.ts';
import { csvResponse } from '../../lib/server/csv.ts';
import { getDb } from '../../lib/server/db.ts';
import { DomainError } from '../../lib/server/errors.ts';
import { HEADLINE_FIGURES, materialAmount, pressNumber, tallyFilterSchema } from '../../lib/tallies/tallies.ts';
import { tallyReport } from '../../lib/tallies/tallies.server.ts';

export const GET: APIRoute = ({ url, locals }) => {
  if (!locals.actor) return new Response(null, { status: 401 });
  const locale: Locale = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
  const filters = tallyFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!filters.success) return new Response(null, { status: 400 });
  try {
    const report = tallyReport(getDb(), { actor: locals.actor, filters: filters.data });
    const press = (n: number) => (locale === 'en' ? pressNumber(n).en : pressNumber(n).zh);
    return csvResponse(
      [
        [translate(locale, 'tally.figure'), translate(locale, 'tally.exact'), translate(locale, 'tally.press'), translate(locale, 'tally.yearBefore')],
        ...HEADLINE_FIGURES.map((key) => [translate(locale, `tally.figure.${key}`), report.headline[key], press(report.headline[key]), report.earlierHeadline?.[key] ?? null]),
        [],
        [translate(locale, 'tally.kind'), translate(locale, 'stock.amount'), translate(locale, 'stock.value')],
        ...report.figures.materials.map((m) => {
          const { amount, unit } = materialAmount(m);
          return [`${translate(locale, `itemKind.${m.kind}`)}（${translate(locale, `unit.${unit as 'piece'}`)}）`, amount, m.valueFen / 100];
        }),
        [],
        [translate(locale, 'tally.summary'), report.summary.zh],
        ['', report.summary.en],
      ],
      'yizhen-tallies.csv',
    );
  } catch (error) {
    if (error instanceof DomainError) return new Response(null, { status: error.status });
    throw error;
  }
};
