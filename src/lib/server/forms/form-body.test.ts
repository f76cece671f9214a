import { describe, expect, it } from 'vitest';
import { FORM_BODY_LIMIT_BYTES, formValues, readPostedForm } from './form-body.ts';

const posted = (body: string, headers: Record<string, string> = {}) =>
  new Request('http://localhost/x?_action=a.b', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });

describe('a posted form', () => {
  it('is read once, leaving the request unread for the page, every ticked value kept and no password', async () => {
    const request = posted('name=%E5%BC%A0&services=a&services=b&password=secret', { 'Content-Length': '52' });
    const form = await readPostedForm(request);
    expect(request.bodyUsed).toBe(false);
    expect(formValues(form)).toEqual({ values: { name: ['张'], services: ['a', 'b'] }, files: 0 });
  });

  it('is left to Astro, which refuses it unread, when it gives no length or one over the limit', async () => {
    expect(await readPostedForm(posted('a=1'))).toBeNull();
    expect(await readPostedForm(posted('a=1', { 'Content-Length': String(FORM_BODY_LIMIT_BYTES + 1) }))).toBeNull();
    expect(formValues(null)).toEqual({ values: {}, files: 0 });
  });
});
