// What every page needs: its language, a translator, localized links, and the guards that decide
// whether the visitor may see it. A guard returns a Response to send instead of the page, or null.
import type { AstroGlobal } from 'astro';
import { isActionError, isInputError } from 'astro:actions';
import { type Locale, localePath, translator } from '#src/i18n/index.ts';
import { messageText } from '../forms/messages.ts';
import type { Actor } from './auth/scope.ts';
import { getInstitution } from '../institutions/institutions.server.ts';
import { getDb } from './db.ts';
import { DomainError } from './errors.ts';

/** Remembers which of a user's institutions the header's "my institution" link opens. */
export const CURRENT_INSTITUTION_COOKIE = 'yizhen_institution';

export function pageContext(Astro: AstroGlobal) {
  const lang = Astro.params.lang;
  const locale: Locale = lang === 'en' ? 'en' : 'zh-CN';
  const href = (path: string) => localePath(locale, path);
  const t = translator(locale);

  // An empty 404 makes Astro render src/pages/404.astro for this URL, in this URL's language.
  const notFound = () => new Response(null, { status: 404 });

  /** The page's own address in this language, with its query, for "log in and come back". */
  const here = () => Astro.url.pathname + Astro.url.search;

  /** Refuses anything under a prefix other than /en (the rest route would otherwise accept /xx/…). */
  const checkLanguage = (): Response | null => (lang === undefined || lang === 'en' ? null : notFound());

  /** A route parameter that must be a positive whole number (a record id), or null. */
  const idParam = (name: string): number | null => {
    const value = Number(Astro.params[name]);
    return Number.isInteger(value) && value > 0 ? value : null;
  };

  /**
   * The guard of a signed-in page about one record (/events/[id]…): the record's id from the URL, or the answer
   * instead — the 404 page for another language prefix, the login page for a visitor, the 404 page for an id
   * that is no id. Reading the record through `load` then answers 403 or 404 for one out of scope or gone.
   */
  const recordId = (name = 'id'): number | Response => {
    const stop = checkLanguage() ?? (Astro.locals.actor ? null : Astro.redirect(`${href('/login')}?next=${encodeURIComponent(here())}`));
    return stop ?? idParam(name) ?? notFound();
  };

  /**
   * Runs a scoped read and turns a refusal into the 403 or 404 page, so a page never shows
   * another institution's data by accident.
   */
  async function load<T>(read: (actor: Actor) => T): Promise<Loaded<T>> {
    const actor = Astro.locals.actor;
    if (!actor) return { ok: false, response: Astro.redirect(`${href('/login')}?next=${encodeURIComponent(here())}`) };
    try {
      return { ok: true, value: read(actor) };
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) return { ok: false, response: notFound() };
      if (error instanceof DomainError && error.status === 403) return { ok: false, response: await Astro.rewrite(href('/403')) };
      throw error;
    }
  }

  return {
    locale,
    t,
    href,
    checkLanguage,
    recordId,
    /** Sends visitors who are not logged in to the login page. */
    requireLogin(): Response | null {
      return checkLanguage() ?? (Astro.locals.actor ? null : Astro.redirect(`${href('/login')}?next=${encodeURIComponent(here())}`));
    },
    forbidden(): Promise<Response> {
      return Astro.rewrite(href('/403'));
    },
    notFound,
    load,
    /**
     * A page under /institutions/[id]: guards it (recordId), then reads the institution
     * and the page's own data in the actor's scope.
     */
    async loadInstitution<T extends object>(read: (actor: Actor, institutionId: number) => T): Promise<Loaded<T & { institutionId: number; institution: ReturnType<typeof getInstitution> }>> {
      const institutionId = recordId();
      if (institutionId instanceof Response) return { ok: false, response: institutionId };
      return load((actor) => ({ institutionId, institution: getInstitution(getDb(), { actor, institutionId }), ...read(actor, institutionId) }));
    },
  };
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; response: Response };

export interface FormState {
  /** Each field's first message, already in the reader's language. */
  errors: Record<string, string>;
  /** A message that belongs to no one field. */
  formError: string | null;
  /** What the visitor typed, to fill the form again (passwords are never echoed): each field's first value. */
  values: Record<string, string>;
  /** Every value of a field sent several times (ticked boxes), as the refused form had them. */
  list(name: string): string[];
  /** The form was posted and refused: it shows what was typed rather than its defaults. */
  refused: boolean;
  /** The refused form came with files, which the page cannot show again: they must be chosen again. */
  filesDropped: boolean;
  locale: Locale;
  succeeded: boolean;
}

/** The outcome of a form posted to this page, ready to render next to each field. */
export function formState(Astro: AstroGlobal, action: Parameters<AstroGlobal['getActionResult']>[0], locale: Locale): FormState {
  const result = Astro.getActionResult(action);
  // Only a post answered on this page has them: a successful post is redirected (post-redirect-get.ts).
  const submitted = (result && Astro.locals.submitted) || {};
  const state: FormState = {
    errors: {},
    formError: null,
    values: Object.fromEntries(Object.entries(submitted).map(([name, all]) => [name, all[0]])),
    list: (name) => submitted[name] ?? [],
    refused: !!result?.error,
    filesDropped: !!result?.error && (Astro.locals.attachedFiles ?? 0) > 0,
    locale,
    succeeded: !!result && !result.error,
  };
  if (!result?.error) return state;
  const { error } = result;
  if (isInputError(error)) {
    for (const [field, messages] of Object.entries(error.fields)) {
      const first = (messages as string[] | undefined)?.[0];
      if (first) state.errors[field] = messageText(locale, first);
    }
    // A field inside a group (one line of a bulk form, "quantities.12") also gets its own message.
    for (const issue of error.issues) {
      const path = issue.path.join('.');
      if (issue.path.length > 1) state.errors[path] ??= messageText(locale, issue.message);
    }
    state.formError = messageText(locale, 'form.errorSummary');
  } else if (isActionError(error) && error.code === 'CONTENT_TOO_LARGE') {
    state.formError = messageText(locale, 'form.tooLarge');
  } else if (isActionError(error)) {
    const decoded = decodeDomainMessage(error.message);
    if (decoded.field) state.errors[decoded.field] = messageText(locale, decoded.message);
    else state.formError = messageText(locale, decoded.message);
  }
  return state;
}

/** Domain errors travel through ActionError's message as JSON: {"field": …, "message": …}. */
export function encodeDomainMessage(error: DomainError): string {
  return JSON.stringify({ field: error.field, message: error.message });
}

function decodeDomainMessage(raw: string): { field: string | null; message: string } {
  try {
    const parsed = JSON.parse(raw) as { field?: unknown; message?: unknown };
    if (typeof parsed.message === 'string') return { field: typeof parsed.field === 'string' ? parsed.field : null, message: parsed.message };
  } catch {
    // Not one of ours (e.g. Astro's own errors): show the generic message.
  }
  return { field: null, message: 'error.generic' };
}
