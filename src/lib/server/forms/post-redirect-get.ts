// Post, redirect, get: a form posted to an action is handled here rather than by the page. A refused post is
// rendered by the page as before (everything typed kept, each message beside its field); a successful one is
// answered with a redirect to the page's plain address, which then shows the outcome once. Reloading that page
// or going Back and posting the same form again writes nothing: the form's key finds the first outcome.
import { randomUUID } from 'node:crypto';
import type { APIContext } from 'astro';
import { getActionContext } from 'astro:actions';
import { server } from '#src/actions/index.ts';
import { getDb } from '../db.ts';
import { formValues } from './form-body.ts';
import { claimSubmission, completeSubmission, forgetOutcome, releaseSubmission, submissionOutcome } from './submissions.server.ts';

/** The field every form carries with its key (see components/forms/SubmissionKey.astro). */
export const SUBMISSION_FIELD = '_submission';
const OUTCOME_COOKIE = 'yizhen_posted';

// Actions that only read, and show what they read on the page they were posted to: a reload reads again.
const ANSWERED_IN_PLACE = new Set(['households.revealIdNumber']);
// Outcomes shown once and then forgotten (a new API token is never shown again).
const SHOWN_ONCE = new Set(['apiTokens.issue']);

const PENDING_WAIT_MS = 25;
const PENDING_LIMIT_MS = 15_000;

/** An action of src/actions by its name ("events.create"), or undefined. */
function actionNamed(name: string): unknown {
  let found: unknown = server;
  for (const part of name.split('.')) found = found && typeof found === 'object' && Object.hasOwn(found, part) ? (found as Record<string, unknown>)[part] : undefined;
  return typeof found === 'function' ? found : undefined;
}

/**
 * Handles a form post to an action, or puts a redirected post's outcome where the page reads it. Returns the
 * response to send instead of the page, or null to render the page. `form` is the posted form, read once by
 * the middleware (null when Astro must read it: no length given, or too long).
 */
export async function postRedirectGet(context: APIContext, form: FormData | null): Promise<Response | null> {
  const { action, setActionResult, serializeActionResult } = getActionContext(context);
  const db = getDb();
  const userId = context.locals.user?.id ?? null;

  if (context.request.method === 'GET') {
    const key = context.cookies.get(OUTCOME_COOKIE)?.value;
    if (!key) return null;
    context.cookies.delete(OUTCOME_COOKIE, { path: context.url.pathname });
    const outcome = submissionOutcome(db, { key, userId });
    if (outcome) {
      setActionResult(outcome.action, JSON.parse(outcome.result));
      if (SHOWN_ONCE.has(outcome.action)) forgetOutcome(db, key);
    }
    return null;
  }

  if (action?.calledFrom !== 'form') return null;
  const { values, files } = formValues(form);
  // Kept for the page, which shows a refused form again as it was typed.
  context.locals.submitted = values;
  context.locals.attachedFiles = files;
  const named = actionNamed(action.name);
  const run = async () => (form && named ? context.callAction(named as Parameters<APIContext['callAction']>[0], form) : action.handler());
  if (ANSWERED_IN_PLACE.has(action.name)) {
    setActionResult(action.name, serializeActionResult(await run()));
    return null;
  }
  const given = values[SUBMISSION_FIELD]?.[0] ?? '';
  const key = /^[A-Za-z0-9-]{16,64}$/.test(given) ? given : randomUUID();

  for (const deadline = Date.now() + PENDING_LIMIT_MS; ; ) {
    const claim = claimSubmission(db, { key, userId, action: action.name });
    if (claim.state === 'done') return redirectAfterPost(context, key);
    if (claim.state === 'claimed') break;
    // The same form is being handled by an earlier post (a double tap): its outcome is this one's.
    if (Date.now() > deadline) return redirectAfterPost(context, key);
    await new Promise((resolve) => setTimeout(resolve, PENDING_WAIT_MS));
  }

  let result;
  try {
    result = await run();
  } catch (error) {
    releaseSubmission(db, key);
    throw error;
  }
  const serialized = serializeActionResult(result);
  if (result.error) {
    releaseSubmission(db, key);
    setActionResult(action.name, serialized);
    return null;
  }
  completeSubmission(db, key, JSON.stringify(serialized));
  return redirectAfterPost(context, key);
}

/** Sends the browser to the page's own address without the action, where the outcome is shown once. */
function redirectAfterPost(context: APIContext, key: string): Response {
  const target = new URL(context.url);
  target.searchParams.delete('_action');
  context.cookies.set(OUTCOME_COOKIE, key, { path: target.pathname, httpOnly: true, sameSite: 'lax', maxAge: 300, secure: context.url.protocol === 'https:' });
  return context.redirect(target.pathname + target.search, 303);
}
