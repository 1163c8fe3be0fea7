import { describe, expect, it } from 'vitest';
import { creditRequest, payRequest, preselect, splitCredit, spread, validate } from './allocation';

const invoices = [
  { id: 'b', dueDate: '2026-02-15', balance: 20000 },
  { id: 'a', dueDate: '2026-01-15', balance: 10000 },
  { id: 'c', dueDate: '2026-03-15', balance: 5000 },
];

describe('allocation', () => {
  it('preselects the oldest due invoice in full', () => {
    expect(preselect(invoices)).toEqual({ a: 10000 });
    expect(preselect([])).toEqual({});
  });
  it('spreads a total oldest due first and reports what is left over', () => {
    expect(spread(25000, invoices)).toEqual({ amounts: { a: 10000, b: 15000 }, rest: 0 });
    expect(spread(40000, invoices)).toEqual({ amounts: { a: 10000, b: 20000, c: 5000 }, rest: 5000 });
  });
  it('refuses zero, more than the balance, and nothing chosen', () => {
    expect(validate({ a: 0 }, invoices)).toEqual([{ invoiceId: 'a', problem: 'not-positive' }]);
    expect(validate({ a: 10001 }, invoices)).toEqual([{ invoiceId: 'a', problem: 'over-balance' }]);
    expect(validate({ a: null }, invoices)).toEqual([{ invoiceId: 'a', problem: 'not-positive' }]);
    expect(validate({}, invoices)).toEqual([{ problem: 'nothing' }]);
    expect(validate({ a: 4000, b: 2550 }, invoices)).toEqual([]);
  });
  it('builds the pay request in oldest due order with decimal strings', () => {
    expect(payRequest({ b: 2550, a: 4000 }, invoices, 'USD', { paymentMethodId: 'pm1' })).toEqual({
      amount: '65.50',
      currency: 'USD',
      invoices: [
        { invoiceId: 'a', amount: '40.00' },
        { invoiceId: 'b', amount: '25.50' },
      ],
      paymentMethodId: 'pm1',
    });
  });
  it('spends credit on the oldest due chosen invoice first and leaves the rest to the card', () => {
    expect(splitCredit({ b: 20000, a: 4000 }, invoices, 5000)).toEqual({
      credit: { a: 4000, b: 1000 },
      card: { b: 19000 },
    });
    expect(splitCredit({ a: 4000 }, invoices, 10000)).toEqual({ credit: { a: 4000 }, card: {} });
    expect(splitCredit({ a: 4000, c: 100 }, invoices, 0)).toEqual({ credit: {}, card: { a: 4000, c: 100 } });
  });
  it('builds the credit request in oldest due order', () => {
    expect(creditRequest({ b: 1000, a: 4000 }, invoices, 'JPY')).toEqual({
      currency: 'JPY',
      invoices: [
        { invoiceId: 'a', amount: '4000' },
        { invoiceId: 'b', amount: '1000' },
      ],
    });
  });
});
