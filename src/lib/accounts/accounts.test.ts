import { describe, expect, it } from 'vitest';
import { safeNextPath, signUpSchema } from './accounts.ts';

describe('account forms', () => {
  it('requires matching passwords and reports the mismatch beside the confirmation', () => {
    const result = signUpSchema.safeParse({ name: '周川', email: 'zhou@example.cn', password: 'long enough 1', passwordConfirm: 'long enough 2' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['passwordConfirm', 'validation.passwordMismatch']]);
  });

  it('reports every bad field of an empty form at once', () => {
    const result = signUpSchema.safeParse({});
    const fields = new Set(result.error?.issues.map((i) => i.path.join('.')));
    expect(fields).toEqual(new Set(['name', 'email', 'password', 'passwordConfirm']));
  });

  it('only returns to paths on this site after login', () => {
    expect(safeNextPath('/institutions/3', '/')).toBe('/institutions/3');
    expect(safeNextPath('https://evil.example', '/')).toBe('/');
    expect(safeNextPath('//evil.example/x', '/')).toBe('/');
    expect(safeNextPath('/\\evil.example', '/')).toBe('/');
    expect(safeNextPath(undefined, '/en/')).toBe('/en/');
  });
});
