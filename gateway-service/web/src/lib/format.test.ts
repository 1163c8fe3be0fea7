import { describe, expect, it } from 'vitest';
import { daysUntilCardExpires, formatDate, formatDateTime, formatMoney } from './format';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('writes dollars the English way and euros the German way', () => {
    expect(formatMoney('1234.5', 'USD', 'en')).toBe('$1,234.50');
    expect(nbsp(formatMoney(1234.5, 'EUR', 'de'))).toBe('1.234,50 €');
  });
  it('uses the currency of the account, not of the locale', () => {
    expect(nbsp(formatMoney('1234.5', 'USD', 'de'))).toBe('1.234,50 $');
    expect(formatMoney(150000, 'JPY', 'en')).toBe('¥150,000');
  });
  it('shows a dash for a missing amount', () => {
    expect(formatMoney(null, 'USD', 'en')).toBe('–');
  });
});

describe('formatDate', () => {
  it('keeps a calendar date on its day in every locale', () => {
    expect(formatDate('2026-03-01', 'en')).toBe('Mar 1, 2026');
    expect(formatDate('2026-03-01', 'de')).toBe('01.03.2026');
  });
  it('formats an instant in the time zone asked for', () => {
    expect(formatDateTime('2026-03-01T23:30:00Z', 'de', 'Europe/Berlin')).toBe('02.03.2026, 00:30');
    expect(formatDateTime('2026-03-01T23:30:00Z', 'en', 'UTC')).toBe('Mar 1, 2026, 11:30 PM');
  });
  it('shows a dash for no date', () => {
    expect(formatDate(null, 'en')).toBe('–');
  });
});

describe('daysUntilCardExpires', () => {
  it('counts to the last day of the expiry month', () => {
    expect(daysUntilCardExpires(3, 2026, new Date(Date.UTC(2026, 2, 1)))).toBe(30);
    expect(daysUntilCardExpires(2, 2026, new Date(Date.UTC(2026, 2, 1)))).toBe(-1);
    expect(daysUntilCardExpires(12, 2026, new Date(Date.UTC(2026, 2, 1)))).toBeGreaterThan(30);
  });
});
