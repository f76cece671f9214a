import { describe, expect, it } from 'vitest';
import { filledLines, handoutTotals } from '../handouts/handouts.ts';
import { allocate, isExpired, itemSchema } from './stock.ts';

const TODAY = '2019-10-17';

describe('expiry', () => {
  it('a batch is usable through its expiry date', () => {
    expect(isExpired('2019-10-17', TODAY)).toBe(false);
    expect(isExpired('2019-10-16', TODAY)).toBe(true);
    expect(isExpired(null, TODAY)).toBe(false);
  });
});

describe('allocating a handout to batches', () => {
  const batches = [
    { batchNo: 'B2', expiryDate: '2020-06-30', quantity: 50 },
    { batchNo: 'B1', expiryDate: '2020-01-31', quantity: 20 },
    { batchNo: 'OLD', expiryDate: '2019-09-30', quantity: 100 },
    { batchNo: '', expiryDate: null, quantity: 5 },
  ];

  it('takes the first to expire first, never an expired batch, batches without expiry last', () => {
    expect(allocate(batches, 30, TODAY)).toEqual({ ok: true, takes: [{ batchNo: 'B1', expiryDate: '2020-01-31', quantity: 20 }, { batchNo: 'B2', expiryDate: '2020-06-30', quantity: 10 }] });
    expect(allocate(batches, 75, TODAY)).toEqual({
      ok: true,
      takes: [
        { batchNo: 'B1', expiryDate: '2020-01-31', quantity: 20 },
        { batchNo: 'B2', expiryDate: '2020-06-30', quantity: 50 },
        { batchNo: '', expiryDate: null, quantity: 5 },
      ],
    });
  });

  it('reports what is usable and what has expired when there is not enough', () => {
    expect(allocate(batches, 76, TODAY)).toEqual({ ok: false, usable: 75, expired: 100 });
  });
});

describe('forms', () => {
  it('a drug needs its generic name', () => {
    const result = itemSchema.safeParse({ institutionId: '1', name: '感冒灵颗粒', kind: 'drug', unit: 'box', unitPrice: '12.5' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['genericName'], message: 'item.genericNameRequired' });
  });

  it('the bulk form keeps the filled lines only', () => {
    expect(filledLines({ '3': 2000, '4': null, '7': 2.5, abc: 1 })).toEqual([{ itemId: 3, amount: 2000 }, { itemId: 7, amount: 2.5 }]);
  });

  it('totals are net of reversals', () => {
    const totals = handoutTotals([
      { kind: 'drug', quantity: -300, valueFen: -375_000 },
      { kind: 'leaflet', quantity: -2000, valueFen: -20_000 },
      { kind: 'drug', quantity: 100, valueFen: 125_000 },
    ]);
    expect(totals.byKind.get('drug')).toEqual({ quantity: 200, valueFen: 250_000 });
    expect(totals.valueFen).toBe(270_000);
  });
});
