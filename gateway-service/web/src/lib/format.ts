// Money and dates for people: Intl in the account's currency and the person's locale.

export type Locale = 'en' | 'de';

export function formatMoney(amount: number | string | null | undefined, currency: string, locale: string): string {
  if (amount === null || amount === undefined || amount === '') return '–';
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
}

/** A calendar date ("2026-03-01", no time zone) shown as that same day everywhere. */
export function formatDate(isoDate: string | null | undefined, locale: string): string {
  if (!isoDate) return '–';
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** An instant ("2026-03-01T10:15:00Z") in the person's own time zone, or one given (tests). */
export function formatDateTime(instant: string | null | undefined, locale: string, timeZone?: string): string {
  if (!instant) return '–';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** Only the date part of an instant, in the person's time zone (or one given). */
export function formatInstantDate(instant: string | null | undefined, locale: string, timeZone?: string): string {
  if (!instant) return '–';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(date);
}

/** Whole days from `today` to a card's last valid day (the end of its expiry month); negative when past. */
export function daysUntilCardExpires(expMonth: number, expYear: number, today: Date): number {
  const endOfMonth = Date.UTC(expYear, expMonth, 0); // day 0 of the next month = last day of expMonth
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((endOfMonth - start) / 86_400_000);
}
