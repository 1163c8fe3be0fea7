// Pure rules the screens use: card checks, expiry warnings, receipts, list state in the URL, locale choice.
import { describe, expect, it } from 'vitest';
import { cardProblems } from '../payment-methods/card';
import { expiryWarning } from '../my-account/PaymentMethods';
import { invoicesPaid } from '../my-account/PaymentHistory';
import { normalizeReceipt } from '../payments/ReceiptPage';
import { normalizeInvoice } from '../invoices/InvoicePage';
import { nextSort, readListState } from '../customer-accounts/CustomerAccountsPage';
import { reauthenticateUrl } from '../contacts/EditContactsPage';
import { initialLocale } from '../i18n/I18n';
import { de, en, interpolate } from '../i18n/messages';
import type { PaymentMethod } from '../api/types';

const today = new Date(Date.UTC(2026, 10, 28));

describe('cardProblems', () => {
  it('accepts a well-formed card and flags each wrong field', () => {
    expect(cardProblems({ number: '4242 4242 4242 4242', expMonth: '12', expYear: '2029', cvc: '123' }, today)).toEqual(
      {},
    );
    expect(cardProblems({ number: '4242', expMonth: '13', expYear: '2020', cvc: '1' }, today)).toEqual({
      number: true,
      expMonth: true,
      expYear: true,
      cvc: true,
    });
  });
  it('refuses a card whose expiry month has passed this year', () => {
    expect(cardProblems({ number: '4242424242424242', expMonth: '10', expYear: '2026', cvc: '123' }, today)).toEqual({
      expMonth: true,
    });
  });
});

describe('expiryWarning', () => {
  const card = (expMonth: number, expYear: number, expired = false): PaymentMethod => ({
    id: 'm',
    type: 'card',
    brand: 'visa',
    last4: '4242',
    expMonth,
    expYear,
    holder: null,
    isDefault: false,
    expired,
  });
  it('warns about a card expiring within 30 days and one already expired', () => {
    expect(expiryWarning(card(11, 2026), today)).toBe('soon'); // valid through Nov 30: 2 days
    expect(expiryWarning(card(12, 2026), today)).toBeNull(); // through Dec 31: 33 days
    expect(expiryWarning(card(10, 2026), today)).toBe('expired');
    expect(expiryWarning(card(1, 2030, true), today)).toBe('expired');
  });
});

describe('receipts and payment history', () => {
  it("takes billing's payment-with-invoices answer and a plain payment alike", () => {
    const payment = {
      id: 'p',
      amount: '15.00',
      currency: 'USD',
      status: 'succeeded',
      createdAt: '2026-11-28T10:00:00Z',
    };
    const lines = [{ invoiceId: 'i1', number: 'INV-1', amount: '10.00' }];
    expect(normalizeReceipt({ payment, invoices: lines })).toEqual({ ...payment, invoices: lines });
    expect(normalizeReceipt(payment)).toEqual(payment);
    expect(invoicesPaid({ ...payment, invoices: lines })).toBe('INV-1');
    expect(
      invoicesPaid({
        ...payment,
        allocations: [
          { invoiceId: 'a', amount: 1 },
          { invoiceId: 'b', amount: 2 },
        ],
      }),
    ).toBe('2');
    // billing's list names none for a payment all to credit; a pending one has paid nothing yet
    expect(invoicesPaid({ ...payment, invoices: [] })).toBeNull();
    expect(invoicesPaid({ ...payment, status: 'pending', invoices: [] })).toBe('–');
    expect(invoicesPaid(payment)).toBe('–');
  });
});

describe('one invoice', () => {
  it("takes billing's invoice-with-lines answer and a flat invoice alike", () => {
    const invoice = {
      id: 'i',
      accountId: 'a',
      number: 'INV-1',
      invoiceDate: '2026-11-01',
      dueDate: '2026-12-01',
      amount: '10.00',
      balance: '10.00',
      status: 'open',
      currency: 'USD',
    };
    const lines = [{ description: 'Seats', amount: '10.00' }];
    expect(normalizeInvoice({ invoice, lines })).toEqual({ ...invoice, lines });
    expect(normalizeInvoice(invoice)).toEqual(invoice);
  });
});

describe('Customer Accounts list state', () => {
  it('reads search and order from the URL, defaulting to name ascending', () => {
    expect(readListState(new URLSearchParams(''))).toEqual({ q: '', sort: 'name', direction: 'asc' });
    expect(readListState(new URLSearchParams('q=acme&sort=balance&direction=desc'))).toEqual({
      q: 'acme',
      sort: 'balance',
      direction: 'desc',
    });
    expect(readListState(new URLSearchParams('sort=drop table')).sort).toBe('name');
    expect(readListState(new URLSearchParams('sort=mrr&direction=desc')).sort).toBe('mrr');
    expect(readListState(new URLSearchParams('sort=activeSubscriptions')).sort).toBe('activeSubscriptions');
  });
  it('sorts a new column ascending and flips the sorted one', () => {
    expect(nextSort({ sort: 'name', direction: 'asc' }, 'balance')).toEqual({ sort: 'balance', direction: 'asc' });
    expect(nextSort({ sort: 'name', direction: 'asc' }, 'name')).toEqual({ sort: 'name', direction: 'desc' });
    expect(nextSort({ sort: 'name', direction: 'desc' }, 'name')).toEqual({ sort: 'name', direction: 'asc' });
  });
});

describe('language and messages', () => {
  it('prefers the stored choice, then the profile, then the browser, else English', () => {
    expect(initialLocale('de', 'en', 'en-US')).toBe('de');
    expect(initialLocale(null, 'de-DE', 'en-US')).toBe('de');
    expect(initialLocale(null, null, 'de-AT')).toBe('de');
    expect(initialLocale(null, 'ja-JP', 'fr-FR')).toBe('en');
  });
  it('has every message in German and fills placeholders', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    expect(Object.values(de).every((v) => v.trim() !== '')).toBe(true);
    expect(interpolate(en['pay.confirm'], { amount: '$15.00' })).toBe('Pay $15.00');
  });
  it('sends a contact change needing a fresh login to re-authenticate and back', () => {
    expect(reauthenticateUrl('/accounts/a/contacts/edit')).toBe(
      '/login/reauthenticate?return=%2Faccounts%2Fa%2Fcontacts%2Fedit',
    );
  });
});
