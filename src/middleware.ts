// Resolves the session cookie into locals.user and locals.actor; a request with a bearer token goes to its one
// route, which checks it, or is refused. A form posted to an action is read once and answered by
// post-redirect-get, which keeps its text for the page to show again beside any error. Authorization happens
// in each page and action.
import { defineMiddleware } from 'astro:middleware';
import { loadActor } from './lib/server/auth/scope.ts';
import { resolveSession, sessionCookieName } from './lib/server/auth/session.ts';
import { clientAddress, parseTrustedProxies } from './lib/server/client-address.ts';
import { config } from './lib/server/config.ts';
import { getDb } from './lib/server/db.ts';
import { readPostedForm } from './lib/server/forms/form-body.ts';
import { postRedirectGet } from './lib/server/forms/post-redirect-get.ts';
import { withSecurityHeaders } from './lib/server/security-headers.ts';

// The one address a bearer token (issued to a publicity office for other systems) may use.
const TOKEN_ROUTE = '/api/v1/tallies';

export const onRequest = defineMiddleware(async (context, next) => {
  // A token opens its one route, which checks it, and nothing else; never a session.
  if (context.request.headers.get('authorization')?.startsWith('Bearer ')) {
    const answer = context.url.pathname === TOKEN_ROUTE ? await next() : new Response(JSON.stringify({ error: 'forbidden' }), { status: 403, headers: { 'Content-Type': 'application/json' } });
    return withSecurityHeaders(answer, { signedIn: false });
  }
  const db = getDb();
  const name = sessionCookieName(db);
  const { sessionId, user, cookie } = await resolveSession(db, context.cookies.get(name)?.value);
  if (cookie) context.cookies.set(cookie.name, cookie.value, cookie.attributes);
  context.locals.user = user;
  context.locals.sessionId = sessionId;
  context.locals.actor = user ? loadActor(db, user.id) : null;
  context.locals.clientAddress = clientAddress(context.clientAddress, context.request.headers.get('x-forwarded-for'), parseTrustedProxies(config().TRUSTED_PROXIES));
  const form = context.request.method === 'POST' && context.url.searchParams.has('_action') ? await readPostedForm(context.request) : null;
  const response = (await postRedirectGet(context, form)) ?? (await next());
  return withSecurityHeaders(response, { signedIn: user !== null });
});
