import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { formatDateTime, localeFromPath, localePath, stripLocale, translate } from './index.ts';
import { zhCN } from './zh-CN.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(astro|ts|mjs)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('dictionaries', () => {
  it('have the same keys in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, value] of [...Object.entries(zhCN), ...Object.entries(en)]) expect(value.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(en[key]), key).toEqual(names(zhCN[key]));
    }
  });

  it('contain every key the pages and code ask for', () => {
    const root = new URL('../', import.meta.url).pathname;
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z]+)'/g)) used.add(match[1]);
      for (const match of text.matchAll(/(?:message|DomainError)\('([a-zA-Z]+\.[a-zA-Z]+)'/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((key) => !(key in zhCN));
    expect(missing).toEqual([]);
  });

  it('hold no message that nothing asks for', () => {
    // A key is asked for by name, or through a family built from a value (`eventKind.${kind}`).
    const root = new URL('../../', import.meta.url).pathname;
    const text = ['src', 'db', 'scripts']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .filter((file) => !file.includes('/i18n/'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const families = new Set([...text.matchAll(/`([a-zA-Z.]+)\.\$\{/g)].map((m) => m[1]));
    const unused = Object.keys(zhCN).filter((key) => !text.includes(`'${key}'`) && !text.includes(`"${key}"`) && !families.has(key.slice(0, key.lastIndexOf('.'))));
    expect(unused).toEqual([]);
  });
});

describe('locale routing helpers', () => {
  it('serves Chinese at the root and English under /en', () => {
    expect(localeFromPath('/')).toBe('zh-CN');
    expect(localeFromPath('/login')).toBe('zh-CN');
    expect(localeFromPath('/en')).toBe('en');
    expect(localeFromPath('/en/login')).toBe('en');
    expect(localeFromPath('/english')).toBe('zh-CN');
    expect(localePath('en', '/login')).toBe('/en/login');
    expect(localePath('en', '/')).toBe('/en/');
    expect(localePath('zh-CN', '/login')).toBe('/login');
    expect(stripLocale('/en/institutions/3')).toBe('/institutions/3');
    expect(stripLocale('/en')).toBe('/');
    expect(stripLocale('/login')).toBe('/login');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'home.welcome', { name: '周医生' })).toBe('欢迎，周医生');
    expect(translate('en', 'home.welcome')).toBe('Welcome, {name}');
  });

  it('shows times in Beijing time whatever the server zone', () => {
    // 2019-10-16 16:30 UTC is 2019-10-17 00:30 in Beijing: Poverty Alleviation Day.
    const ms = Date.UTC(2019, 9, 16, 16, 30);
    expect(formatDateTime('zh-CN', ms)).toBe('2019/10/17 00:30');
    expect(formatDateTime('en', ms)).toContain('10/17/2019');
  });
});
