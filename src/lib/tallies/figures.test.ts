// The declaration of the figures holds together, and what is made from it agrees with the database: one
// running-totals column for each figure that adds up, the words in both languages, the shown units.
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '#tests/setup/db.ts';
import { en } from '#src/i18n/en.ts';
import { zhCN } from '#src/i18n/zh-CN.ts';
import { HOUR_MS } from '../time/beijing.ts';
import { ADDITIVE_NAMES, BREAKDOWN_FIGURES, DISTINCT_FIGURES, FIGURES, HEADLINE_FIGURES, PRESS_FIGURES, shown } from './figures.ts';

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('the declaration of the figures', () => {
  it('names each figure once, shown and counted, and places each press clause once', () => {
    const unique = (values: readonly (string | number)[]) => expect(new Set(values).size).toBe(values.length);
    unique(FIGURES.map((f) => f.key));
    unique(FIGURES.map((f) => f.counted));
    unique(DISTINCT_FIGURES);
    unique(PRESS_FIGURES.map((f) => f.press.at));
    unique(BREAKDOWN_FIGURES.map((f) => f.breakdown));
    // A figure is shown as a headline or written in the press, or it has no reader.
    for (const figure of FIGURES) expect(HEADLINE_FIGURES.includes(figure.key as never) || PRESS_FIGURES.includes(figure as never), figure.key).toBe(true);
    // A breakdown row is counted per event or visit, never from the goods of other figures only.
    expect(BREAKDOWN_FIGURES.map((f) => f.key)).toContain('events');
  });

  it('gives each figure its words in both languages, which the dictionaries carry', () => {
    for (const figure of FIGURES) {
      const key = `tally.figure.${figure.key}` as keyof typeof zhCN;
      expect([zhCN[key], en[key]], figure.key).toEqual([figure.words.zh, figure.words.en]);
      expect(figure.words.zh.trim(), figure.key).not.toBe('');
      expect(figure.words.en.trim(), figure.key).not.toBe('');
    }
  });

  it('shows money in yuan, weights in 斤 and time in hours', () => {
    expect(shown({ unit: 'yuan' }, 5_340_050)).toBe(53_400.5);
    expect(shown({ unit: 'jin' }, 11_490_250)).toBe(22_980.5);
    expect(shown({ unit: 'hours' }, 12.5 * HOUR_MS + 1)).toBe(12.5);
    expect(shown({ unit: 'count' }, 7)).toBe(7);
  });

  it('has one running-totals column for each figure that adds up, in the migrated database', () => {
    const { db } = createTestDatabase();
    const columns = (table: string) => (db.$client.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name).sort();
    expect(columns('tally_days')).toEqual(['county_id', 'day', 'households_visited', 'office_id', ...ADDITIVE_NAMES.map(snake)].sort());
    expect(columns('tally_months')).toEqual(['county_id', 'households_visited', 'month', 'office_id', ...ADDITIVE_NAMES.map(snake)].sort());
    // The distinct figures are the values the keys' days are kept under.
    const table = (db.$client.prepare("SELECT sql FROM sqlite_master WHERE name = 'tally_key_days'").get() as { sql: string }).sql;
    for (const figure of DISTINCT_FIGURES) expect(table).toContain(`'${figure}'`);
    db.$client.close();
  });
});
