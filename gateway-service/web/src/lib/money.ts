// Money is carried as integer minor units (cents, or yen) so sums and splits are exact.

const digitsCache = new Map<string, number>();

/** How many fraction digits a currency has (USD 2, JPY 0), as Intl knows it. */
export function fractionDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export function toMinor(amount: number | string, currency: string): number {
  const digits = fractionDigits(currency);
  const [whole = '0', fraction = ''] = String(amount).trim().replace(/^\+/, '').split('.');
  const negative = whole.startsWith('-');
  const units = Number(whole.replace('-', '') || '0') * 10 ** digits;
  const frac = Number((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
  const value = units + frac;
  return negative ? -value : value;
}

/** Minor units back to the decimal string the API takes ("12.50", "1200" for JPY). */
export function fromMinor(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const text =
    digits === 0
      ? String(abs)
      : `${Math.floor(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
  return negative ? `-${text}` : text;
}

/**
 * What a person typed as an amount, in their locale ("1,234.50" in en, "1.234,50" in de), as minor
 * units; null when it is not an amount of this currency (letters, too many decimals).
 */
export function parseAmount(input: string, currency: string, locale: string): number | null {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  let text = input
    .trim()
    .replace(/\s/g, '')
    .replace(/\u00a0/g, '');
  if (text === '') return null;
  text = text.split(group).join('');
  if (decimal !== '.') text = text.replace(decimal, '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const fraction = text.split('.')[1] ?? '';
  if (fraction.length > fractionDigits(currency)) return null;
  return toMinor(text, currency);
}
