import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { de, en, interpolate, type MessageKey } from './messages';
import { formatDate, formatDateTime, formatInstantDate, formatMoney, type Locale } from '../lib/format';

const STORAGE = 'peakhub.locale';
export const LOCALES: { id: Locale; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'de', label: 'Deutsch' },
];

export function initialLocale(stored: string | null, profile: string | null | undefined, browser: string): Locale {
  for (const candidate of [stored, profile, browser]) {
    const lang = candidate?.slice(0, 2).toLowerCase();
    if (lang === 'en' || lang === 'de') return lang;
  }
  return 'en';
}

interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  /** The profile's locale, used when the person has not chosen one here. */
  adoptProfileLocale: (l: string | null | undefined) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  money: (amount: number | string | null | undefined, currency: string) => string;
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
  instantDate: (iso: string | null | undefined) => string;
}

const Context = createContext<I18n | null>(null);

function stored(): string | null {
  try {
    return localStorage.getItem(STORAGE);
  } catch {
    return null;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale(stored(), null, navigator.language));
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    try {
      localStorage.setItem(STORAGE, l);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    setLocaleState(l);
  }, []);
  const adoptProfileLocale = useCallback((l: string | null | undefined) => {
    if (!stored() && l) setLocaleState(initialLocale(null, l, navigator.language));
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = locale === 'de' ? de : en;
    return {
      locale,
      setLocale,
      adoptProfileLocale,
      t: (key, vars) => interpolate(messages[key], vars),
      money: (amount, currency) => formatMoney(amount, currency, locale),
      date: (iso) => formatDate(iso, locale),
      dateTime: (iso) => formatDateTime(iso, locale),
      instantDate: (iso) => formatInstantDate(iso, locale),
    };
  }, [locale, setLocale, adoptProfileLocale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
