// GET /api/v1/tallies: the dashboard's figures for other systems, with a bearer token an administrator
// issued (docs/api.md). Aggregates only; the token opens nothing else (the middleware refuses it elsewhere).
import type { APIRoute } from 'astro';
import { bearerToken } from '#src/lib/api-tokens/api-tokens.ts';
import { actorForApiToken } from '#src/lib/api-tokens/api-tokens.server.ts';
import { messageText } from '#src/lib/forms/messages.ts';
import { consumeRateLimit, RateLimitedError, RULES } from '#src/lib/server/auth/rate-limit.ts';
import { getDb } from '#src/lib/server/db.ts';
import { DomainError } from '#src/lib/server/errors.ts';
import { materialAmount, tallyFilterSchema } from '#src/lib/tallies/tallies.ts';
import { HEADLINE_FIGURES } from '#src/lib/tallies/figures.ts';
import { tallyReport } from '#src/lib/tallies/tallies.server.ts';
import { fromBaseQuantity } from '#src/lib/units/quantities.ts';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body, null, 2), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store', ...headers } });

export const GET: APIRoute = ({ request, url }) => {
  const db = getDb();
  const token = bearerToken(request.headers.get('authorization'));
  const holder = token ? actorForApiToken(db, token) : null;
  if (!holder) return json({ error: 'unauthorized', message: 'A valid bearer token is required.' }, 401, { 'WWW-Authenticate': 'Bearer realm="yizhen"' });
  try {
    consumeRateLimit(db, [{ key: `api:${holder.tokenId}`, rule: RULES.apiPerToken }]);
  } catch (error) {
    if (error instanceof RateLimitedError) return json({ error: 'rate_limited', message: 'Too many requests for this token.' }, 429, { 'Retry-After': String(Math.ceil(error.retryAfterMs / 1000)) });
    throw error;
  }
  const parsed = tallyFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), messageText('en', issue.message)]));
    return json({ error: 'invalid_filters', fields }, 400);
  }
  try {
    const report = tallyReport(db, { actor: holder.actor, filters: parsed.data });
    const { scope } = report;
    return json({
      filters: parsed.data,
      period: { from: scope.from, to: scope.to },
      area: scope.area,
      figures: Object.fromEntries(HEADLINE_FIGURES.map((key) => [key, report.headline[key]])),
      materials: report.figures.materials.map((m) => {
        const { amount, unit } = materialAmount(m);
        return { kind: m.kind, unit, amount, valueYuan: m.valueFen / 100 };
      }),
      // Purchases by product: weights in 斤, weighed and (not yet weighed) as ordered, and their value.
      purchases: report.purchases.map((p) => ({
        product: p.product,
        unit: p.unit,
        weighed: fromBaseQuantity(p.unit, p.weighed),
        orderedOnly: fromBaseQuantity(p.unit, p.orderedOnly),
        amount: fromBaseQuantity(p.unit, p.quantity),
        valueYuan: p.valueFen / 100,
      })),
      yearEarlier: report.earlierHeadline && Object.fromEntries(HEADLINE_FIGURES.map((key) => [key, report.earlierHeadline![key]])),
      summary: { zh: report.summary.zh, en: report.summary.en },
      generatedAt: new Date().toISOString(),
    });
  } catch (error) {
    if (error instanceof DomainError) return json({ error: error.status === 403 ? 'forbidden' : 'not_found' }, error.status);
    throw error;
  }
};
