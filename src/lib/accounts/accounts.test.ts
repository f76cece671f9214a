import { describe, expect, it } from 'vitest';
import { profileSchema, safeNextPath, signUpSchema } from './accounts.ts';

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

  it('takes a 15-digit practising certificate number, typed with spaces or full-width digits, or none', () => {
    const parse = (doctorLicence: string) => profileSchema.safeParse({ name: '李医生', locale: 'zh-CN', doctorLicence });
    expect(parse('110 370 100 000 123').data?.doctorLicence).toBe('110370100000123');
    expect(parse('１１０３７０１０００００１２３').data?.doctorLicence).toBe('110370100000123');
    expect(parse('').data?.doctorLicence).toBeNull();
    expect(parse('11037010000012').error?.issues[0]).toMatchObject({ path: ['doctorLicence'], message: 'account.doctorLicenceFormat' });
    expect(parse('11037010000012X').success).toBe(false);
  });

  it('only returns to paths on this site after login', () => {
    expect(safeNextPath('/institutions/3', '/')).toBe('/institutions/3');
    expect(safeNextPath('https://evil.example', '/')).toBe('/');
    expect(safeNextPath('//evil.example/x', '/')).toBe('/');
    expect(safeNextPath('/\\evil.example', '/')).toBe('/');
    expect(safeNextPath(undefined, '/en/')).toBe('/en/');
    // Whitespace and control characters that browsers strip, turning the path into another site's address.
    for (const sneaky of ['/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', ' //evil.example', '/ /evil.example', '/\u0000/x', '/\\/evil.example', '/%5C/x\\']) {
      expect(safeNextPath(sneaky, '/'), JSON.stringify(sneaky)).toBe('/');
    }
    expect(safeNextPath('/households?village=3#visits', '/')).toBe('/households?village=3#visits');
    expect(safeNextPath('/%09/evil.example', '/')).toBe('/%09/evil.example');
  });
});
