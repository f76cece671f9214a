import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { messageText } from '../forms/messages.ts';
import { emailField, newPasswordField, optionalIdField, optionalPhoneField, optionalText, requiredText, toHalfWidth } from './fields.ts';

const firstMessage = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues[0].message;
};

describe('field schemas', () => {
  it('normalises full-width input from a Chinese keyboard', () => {
    expect(toHalfWidth('１３８１２３４５６７８')).toBe('13812345678');
    expect(emailField.parse('  Zhou＠Example.CN ')).toBe('zhou@example.cn');
  });

  it('rejects empty, too long and malformed values with dictionary keys', () => {
    expect(firstMessage(requiredText(5), '   ')).toBe('validation.required');
    expect(firstMessage(requiredText(5), '123456')).toBe('validation.tooLong?max=5');
    expect(firstMessage(requiredText(5), 42)).toBe('validation.required');
    expect(firstMessage(emailField, 'not-an-email')).toBe('validation.email');
    expect(firstMessage(emailField, '')).toBe('validation.required');
    expect(firstMessage(newPasswordField, 'short')).toBe('validation.passwordShort');
    expect(firstMessage(newPasswordField, 'x'.repeat(129))).toBe('validation.passwordLong');
  });

  it('accepts mainland mobile and landline numbers and rejects others', () => {
    expect(optionalPhoneField.parse('138 1234 5678')).toBe('13812345678');
    expect(optionalPhoneField.parse('+86 13812345678')).toBe('13812345678');
    expect(optionalPhoneField.parse('0431-84692117')).toBe('0431-84692117');
    expect(optionalPhoneField.parse('')).toBeNull();
    expect(firstMessage(optionalPhoneField, '12345')).toBe('validation.phone');
    expect(firstMessage(optionalPhoneField, '23812345678')).toBe('validation.phone');
  });

  it('turns message keys into text in either language', () => {
    expect(messageText('zh-CN', 'validation.tooLong?max=50')).toBe('不能超过 50 个字符。');
    expect(messageText('en', 'validation.tooLong?max=50')).toBe('Must be at most 50 characters.');
    expect(messageText('en', 'Invalid input: expected string')).toBe('This value is not valid.');
  });
});

describe('optional fields as Astro passes them', () => {
  it('treat a missing (null) or empty field as null', () => {
    expect(optionalText(10).parse(null)).toBeNull();
    expect(optionalText(10).parse('  ')).toBeNull();
    expect(optionalPhoneField.parse(null)).toBeNull();
    expect(optionalIdField.parse(null)).toBeNull();
    expect(optionalIdField.parse('')).toBeNull();
    expect(optionalIdField.parse('12')).toBe(12);
    expect(firstMessage(optionalIdField, 'abc')).toBe('validation.number');
  });
});
