import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { formatDate, formatDateTime, formatDayHours, formatDayTime, formatTime, formatTimeRange, localeFromPath, localePath, proseTranslator, stripLocale, translate } from './index.ts';
import { messageText } from '../lib/forms/messages.ts';
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
    expect(formatDateTime('zh-CN', ms)).toBe('2019年10月17日 00:30');
    expect(formatDateTime('en', ms)).toBe('17 Oct 2019, 00:30');
  });

  it('writes dates and times one way in each language, the day once in a range within it', () => {
    const seven = Date.parse('2019-10-15T07:30:00+08:00');
    const one = Date.parse('2019-10-15T13:00:00+08:00');
    const nextDay = Date.parse('2019-10-16T01:00:00+08:00');
    expect(formatDate('zh-CN', seven)).toBe('2019年10月15日');
    expect(formatDate('zh-CN', '2019-10-15')).toBe('2019年10月15日');
    expect(formatDate('en', '2019-10-15')).toBe('15 Oct 2019');
    expect(formatTimeRange('zh-CN', seven, one)).toBe('2019年10月15日 07:30–13:00');
    expect(formatTimeRange('en', seven, one)).toBe('15 Oct 2019, 07:30–13:00');
    expect(formatTimeRange('zh-CN', seven, nextDay)).toBe('2019年10月15日 07:30–2019年10月16日 01:00');
    expect(formatDayTime('zh-CN', seven)).toBe('10月15日 07:30');
    expect(formatDayTime('en', seven)).toBe('15 Oct, 07:30');
    expect(formatTime('en', one)).toBe('13:00');
    const day = { date: '2019-10-15', startTime: '07:30', endTime: '13:00' };
    expect(formatDayHours('zh-CN', day)).toBe(formatTimeRange('zh-CN', seven, one));
    expect(formatDayHours('en', day)).toBe(formatTimeRange('en', seven, one));
  });
});

describe('sentences people read', () => {
  it('write a day given to them as the language writes a date, and leave the rest as given', () => {
    expect(proseTranslator('zh-CN')('event.outsideCampaign', { start: '2030-10-10', end: '2030-10-20' })).toBe('日期须在专项活动期间（2030年10月10日 至 2030年10月20日）。');
    expect(proseTranslator('en')('event.outsideCampaign', { start: '2030-10-10', end: '2030-10-20' })).toContain('10 Oct 2030');
    expect(proseTranslator('zh-CN')('home.placesOpen', { n: 2 })).toBe('尚缺 2 人');
    // A file's name keeps the day as sheets read it.
    expect(translate('zh-CN', 'download.asOf', { date: '2026-12-03' })).toBe('截至2026-12-03');
  });

  it('reach a refusal shown beside its field', () => {
    expect(messageText('zh-CN', 'event.outsideCampaign?start=2030-10-10&end=2030-10-20')).toBe('日期须在专项活动期间（2030年10月10日 至 2030年10月20日）。');
  });
});
