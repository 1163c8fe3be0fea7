import { describe, expect, it } from 'vitest';
import { fromMinor, parseAmount, toMinor } from './money';

describe('minor units', () => {
  it('round-trips dollars and yen exactly', () => {
    expect(toMinor('120.50', 'USD')).toBe(12050);
    expect(toMinor(0.1, 'USD') + toMinor(0.2, 'USD')).toBe(30);
    expect(fromMinor(12050, 'USD')).toBe('120.50');
    expect(fromMinor(5, 'USD')).toBe('0.05');
    expect(toMinor('150000', 'JPY')).toBe(150000);
    expect(fromMinor(150000, 'JPY')).toBe('150000');
  });
});

describe('parseAmount', () => {
  it('reads what a person types in their locale', () => {
    expect(parseAmount('1,234.50', 'USD', 'en')).toBe(123450);
    expect(parseAmount('1.234,50', 'EUR', 'de')).toBe(123450);
    expect(parseAmount('40', 'EUR', 'de')).toBe(4000);
  });
  it('refuses letters, negatives and more decimals than the currency has', () => {
    expect(parseAmount('abc', 'USD', 'en')).toBeNull();
    expect(parseAmount('-5', 'USD', 'en')).toBeNull();
    expect(parseAmount('1.005', 'USD', 'en')).toBeNull();
    expect(parseAmount('10.5', 'JPY', 'en')).toBeNull();
    expect(parseAmount('', 'USD', 'en')).toBeNull();
  });
});
