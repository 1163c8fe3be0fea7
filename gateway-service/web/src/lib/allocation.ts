// Pay Invoice: which invoices, how much on each. Amounts in minor units (see money.ts).
import { fromMinor } from './money';

export interface OpenInvoice {
  id: string;
  dueDate: string;
  balance: number; // minor units
}

/** Oldest due first; the screen preselects the first one, in full. */
export function sortOldestDue<T extends { dueDate: string; id: string }>(invoices: T[]): T[] {
  return [...invoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
}

export function preselect(invoices: OpenInvoice[]): Record<string, number> {
  const oldest = sortOldestDue(invoices)[0];
  return oldest ? { [oldest.id]: oldest.balance } : {};
}

/** Spreads a total over invoices oldest due first, each at most its balance; what is left over is returned. */
export function spread(totalMinor: number, invoices: OpenInvoice[]): { amounts: Record<string, number>; rest: number } {
  const amounts: Record<string, number> = {};
  let rest = Math.max(0, totalMinor);
  for (const invoice of sortOldestDue(invoices)) {
    if (rest <= 0) break;
    const part = Math.min(rest, invoice.balance);
    if (part > 0) amounts[invoice.id] = part;
    rest -= part;
  }
  return { amounts, rest };
}

export type AllocationProblem =
  { invoiceId: string; problem: 'not-positive' | 'over-balance' } | { problem: 'nothing' };

/** Each chosen amount must be above zero and at most the invoice's balance; at least one invoice. */
export function validate(chosen: Record<string, number | null>, invoices: OpenInvoice[]): AllocationProblem[] {
  const problems: AllocationProblem[] = [];
  const ids = Object.keys(chosen);
  if (ids.length === 0) return [{ problem: 'nothing' }];
  for (const id of ids) {
    const amount = chosen[id];
    const invoice = invoices.find((i) => i.id === id);
    if (amount === null || amount === undefined || amount <= 0)
      problems.push({ invoiceId: id, problem: 'not-positive' });
    else if (invoice && amount > invoice.balance) problems.push({ invoiceId: id, problem: 'over-balance' });
  }
  return problems;
}

export function total(chosen: Record<string, number>): number {
  return Object.values(chosen).reduce((sum, v) => sum + v, 0);
}

export interface PayRequestBody {
  amount: string;
  currency: string;
  invoices: { invoiceId: string; amount: string }[];
  paymentMethodId?: string;
  cardToken?: string;
}

/** The body of POST /payments, invoices in oldest-due order so the same choice is the same request. */
export function payRequest(
  chosen: Record<string, number>,
  invoices: OpenInvoice[],
  currency: string,
  method: { paymentMethodId: string } | { cardToken: string },
): PayRequestBody {
  const lines = sortOldestDue(invoices)
    .filter((i) => (chosen[i.id] ?? 0) > 0)
    .map((i) => ({ invoiceId: i.id, amount: fromMinor(chosen[i.id] ?? 0, currency) }));
  return { amount: fromMinor(total(chosen), currency), currency, invoices: lines, ...method };
}

/**
 * Splits the chosen amounts into what the credit balance pays and what the card pays: credit goes to
 * the oldest due invoice first, up to its chosen amount, until the credit is used up.
 */
export function splitCredit(
  chosen: Record<string, number>,
  invoices: OpenInvoice[],
  creditMinor: number,
): { credit: Record<string, number>; card: Record<string, number> } {
  const credit: Record<string, number> = {};
  const card: Record<string, number> = {};
  let left = Math.max(0, creditMinor);
  for (const invoice of sortOldestDue(invoices)) {
    const amount = chosen[invoice.id] ?? 0;
    if (amount <= 0) continue;
    const fromCredit = Math.min(left, amount);
    left -= fromCredit;
    if (fromCredit > 0) credit[invoice.id] = fromCredit;
    if (amount - fromCredit > 0) card[invoice.id] = amount - fromCredit;
  }
  return { credit, card };
}

export interface CreditRequestBody {
  currency: string;
  invoices: { invoiceId: string; amount: string }[];
}

/** The body of POST /credit-applications, invoices in oldest-due order. */
export function creditRequest(
  credit: Record<string, number>,
  invoices: OpenInvoice[],
  currency: string,
): CreditRequestBody {
  const lines = sortOldestDue(invoices)
    .filter((i) => (credit[i.id] ?? 0) > 0)
    .map((i) => ({ invoiceId: i.id, amount: fromMinor(credit[i.id] ?? 0, currency) }));
  return { currency, invoices: lines };
}
