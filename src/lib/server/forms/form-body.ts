// A posted form is read once, by the middleware, and handed to the action and to the page that shows it again.

/**
 * The largest form body the site reads. Photos may be up to 10 MB each (src/lib/server/photos.ts) and a visit
 * record takes four: the limit leaves room for the rest of the form, so a larger photo is refused by the site's
 * own check, with its own message. astro.config.mjs gives Astro the same limit.
 */
export const FORM_BODY_LIMIT_BYTES = 42 * 1024 * 1024;

/**
 * The form posted with a request, read once; null when it says no length or a length over the limit, or cannot
 * be read: Astro's own reading then answers it (refusing a body too large before reading it).
 */
export async function readPostedForm(request: Request): Promise<FormData | null> {
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  if (!Number.isFinite(length) || length > FORM_BODY_LIMIT_BYTES) return null;
  try {
    // From a copy: the page may still rewrite the request (to its 403 page), which needs the body unread.
    return await request.clone().formData();
  } catch {
    return null;
  }
}

/** Every value of each text field of a posted form (passwords and tokens left out), and how many files came with it. */
export function formValues(form: FormData | null): { values: Record<string, string[]>; files: number } {
  const values: Record<string, string[]> = {};
  let files = 0;
  for (const [key, value] of form ?? []) {
    if (typeof value !== 'string') files += value.size > 0 ? 1 : 0;
    else if (!/password|token/i.test(key)) (values[key] ??= []).push(value);
  }
  return { values, files };
}
