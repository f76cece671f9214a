import { describe, expect, it } from 'vitest';
import { stockItemMatches } from './stock.ts';

const batch = (expired: boolean, expiringSoon: boolean) => ({ expired, expiringSoon });
const medicine = { name: '板蓝根颗粒', genericName: '板蓝根', specification: '10g×20袋', kind: 'drug', onHand: 200, batches: [batch(false, true)] };
const quilts = { name: '棉被', genericName: null, specification: null, kind: 'quilt', onHand: 0, batches: [] };

describe('the stock list', () => {
  it('finds an item by a word of its name, generic name or specification, by kind and by state', () => {
    expect(stockItemMatches(medicine, { q: '20袋' })).toBe(true);
    expect(stockItemMatches(quilts, { q: '板蓝根' })).toBe(false);
    expect(stockItemMatches(quilts, { kind: 'quilt' })).toBe(true);
    expect(stockItemMatches(medicine, { kind: 'quilt' })).toBe(false);
    expect([medicine, quilts].filter((item) => stockItemMatches(item, { state: 'in_stock' }))).toEqual([medicine]);
    expect([medicine, quilts].filter((item) => stockItemMatches(item, { state: 'expiring' }))).toEqual([medicine]);
    expect(stockItemMatches(quilts, {})).toBe(true);
  });
});
