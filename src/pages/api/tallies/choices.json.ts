// The areas or institutions a tally may be narrowed to that hold what is typed, for the dashboard's choosers:
// [{ id, label }], at most twenty; institutions only those the reader may count.
import type { APIRoute } from 'astro';
import { getDb } from '#src/lib/server/db.ts';
import { refusalResponse } from '#src/lib/server/errors.ts';
import { CHOOSABLE, type Choosable, tallyChoices } from '#src/lib/tallies/choices.server.ts';

export const GET: APIRoute = ({ locals, url }) => {
  if (!locals.actor) return new Response(null, { status: 401 });
  const of = url.searchParams.get('of') ?? '';
  if (!(CHOOSABLE as readonly string[]).includes(of)) return new Response(null, { status: 400 });
  const typed = (url.searchParams.get('q') ?? '').trim().slice(0, 40);
  try {
    const choices = tallyChoices(getDb(), locals.actor, of as Choosable, { typed });
    return new Response(JSON.stringify(choices), { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return refusalResponse(error);
  }
};
