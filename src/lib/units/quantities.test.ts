import { describe, expect, it } from 'vitest';
import { amountField, fenToYuan, fromBaseQuantity, moneyField, toBaseQuantity, valueOf } from './quantities.ts';

describe('units', () => {
  it('converts 斤, 公斤 and grams (1 斤 = 500 g)', () => {
    expect(toBaseQuantity('jin', 1)).toBe(500);
    expect(toBaseQuantity('jin', 23_000)).toBe(11_500_000);
    expect(fromBaseQuantity('jin', 750)).toBe(1.5);
    expect(fromBaseQuantity('jin', toBaseQuantity('kg', 2.5)!)).toBe(5);
    expect(toBaseQuantity('jin', 2.5)).toBe(1250);
    expect(toBaseQuantity('kg', 0.125)).toBe(125);
    expect(fromBaseQuantity('kg', 1250)).toBe(1.25);
  });

  it('keeps pieces whole and weights to the gram', () => {
    expect(toBaseQuantity('box', 300)).toBe(300);
    expect(toBaseQuantity('box', 2.5)).toBeNull();
    expect(toBaseQuantity('jin', 0.0001)).toBeNull();
  });

  it('values a quantity at a unit price, to the fen', () => {
    expect(valueOf('box', 300, 1250)).toBe(375_000);
    expect(valueOf('jin', toBaseQuantity('jin', 2.5)!, 180)).toBe(450);
    expect(valueOf('kg', 333, 1000)).toBe(333);
    expect(valueOf('box', -10, 1250)).toBe(-12_500);
  });
});

describe('typed amounts and money', () => {
  it('accepts thousands separators and full-width digits; refuses zero, negatives and too many decimals', () => {
    expect(amountField.parse('2,000')).toBe(2000);
    expect(amountField.parse('２.５')).toBe(2.5);
    expect(amountField.safeParse('0').error?.issues[0].message).toBe('quantity.positive');
    expect(amountField.safeParse('-3').error?.issues[0].message).toBe('quantity.format');
    expect(amountField.safeParse('1.2345').error?.issues[0].message).toBe('quantity.format');
    expect(amountField.safeParse('20000000').error?.issues[0].message).toBe('quantity.tooLarge?max=10000000');
  });

  it('reads yuan into fen with at most two decimals', () => {
    expect(moneyField.parse('12.5')).toBe(1250);
    expect(moneyField.parse('4,000')).toBe(400_000);
    expect(moneyField.parse('0.05')).toBe(5);
    expect(moneyField.safeParse('1.234').error?.issues[0].message).toBe('money.format');
    expect(moneyField.safeParse('-1').error?.issues[0].message).toBe('money.format');
    expect(fenToYuan(400_005)).toBe('4000.05');
    expect(fenToYuan(-1250)).toBe('-12.50');
  });
});
