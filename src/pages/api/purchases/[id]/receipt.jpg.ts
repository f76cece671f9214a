// A purchase's receipt photo, for those who may read the buying institution's records.
import type { APIRoute } from 'astro';
import { receiptOf } from '../../../../lib/purchases/purchases.server.ts';
import { getDb } from '../../../../lib/server/db.ts';
import { DomainError } from '../../../../lib/server/errors.ts';

export const GET: APIRoute = ({ locals, params }) => {
  if (!locals.actor) return new Response(null, { status: 401 });
  const purchaseId = Number(params.id);
  if (!Number.isInteger(purchaseId) || purchaseId <= 0) return new Response(null, { status: 404 });
  try {
    const photo = receiptOf(getDb(), { actor: locals.actor, purchaseId });
    return new Response(new Uint8Array(photo), { headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' } });
  } catch (error) {
    if (error instanceof DomainError) return new Response(null, { status: error.status });
    throw error;
  }
};
