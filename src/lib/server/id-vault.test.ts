import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIdVault, loadIdSecret } from './id-vault.ts';

describe('ID number vault', () => {
  const vault = createIdVault(randomBytes(32));

  it('round-trips a number, with a different ciphertext each time', () => {
    const a = vault.encrypt('220122198001011248');
    const b = vault.encrypt('220122198001011248');
    expect(a).not.toBe(b);
    expect(a).not.toContain('2201');
    expect(vault.decrypt(a)).toBe('220122198001011248');
  });

  it('gives the same index for the same number, and another for another key', () => {
    expect(vault.index('220122198001011248')).toBe(vault.index('220122198001011248'));
    expect(vault.index('220122198001011248')).not.toBe(vault.index('11010519491231002X'));
    expect(createIdVault(randomBytes(32)).index('220122198001011248')).not.toBe(vault.index('220122198001011248'));
  });

  it('refuses a tampered ciphertext and a short key', () => {
    const sealed = vault.encrypt('220122198001011248');
    const tampered = `${sealed.slice(0, -4)}AAAA`;
    expect(() => vault.decrypt(tampered)).toThrow();
    expect(() => createIdVault(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('makes a private key file beside the database when no key is configured, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhen-key-'));
    const first = loadIdSecret(undefined, join(dir, 'db.sqlite'));
    expect(first).toHaveLength(32);
    expect(existsSync(join(dir, 'id-number.key'))).toBe(true);
    expect(statSync(join(dir, 'id-number.key')).mode & 0o777).toBe(0o600);
    expect(loadIdSecret(undefined, join(dir, 'db.sqlite')).equals(first)).toBe(true);
    expect(loadIdSecret('ab'.repeat(32), 'unused').toString('hex')).toBe('ab'.repeat(32));
  });
});
