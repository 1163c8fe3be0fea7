import { request } from '../api/client';
import type { CardToken, PaymentMethod } from '../api/types';

export interface CardInput {
  number: string;
  expMonth: string;
  expYear: string;
  cvc: string;
}

export const EMPTY_CARD: CardInput = { number: '', expMonth: '', expYear: '', cvc: '' };

/** Which card fields are wrong (empty map when the card looks right); the processor checks the rest. */
export function cardProblems(card: CardInput, today: Date): Partial<Record<keyof CardInput, true>> {
  const problems: Partial<Record<keyof CardInput, true>> = {};
  const digits = card.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) problems.number = true;
  const month = Number(card.expMonth);
  const year = Number(card.expYear.length === 2 ? `20${card.expYear}` : card.expYear);
  if (!Number.isInteger(month) || month < 1 || month > 12) problems.expMonth = true;
  if (!Number.isInteger(year) || year < today.getUTCFullYear() || year > today.getUTCFullYear() + 25)
    problems.expYear = true;
  else if (year === today.getUTCFullYear() && month < today.getUTCMonth() + 1) problems.expMonth = true;
  if (!/^\d{3,4}$/.test(card.cvc)) problems.cvc = true;
  return problems;
}

/** The card goes to the processor's tokenization endpoint only; the hub keeps the token. */
export async function tokenize(card: CardInput): Promise<CardToken> {
  const year = card.expYear.length === 2 ? `20${card.expYear}` : card.expYear;
  const answer = await request<CardToken>('POST', '/api/sandbox/tokens', {
    body: {
      number: card.number.replace(/[\s-]/g, ''),
      expMonth: Number(card.expMonth),
      expYear: Number(year),
      cvc: card.cvc,
    },
  });
  return answer.body;
}

export async function saveCard(accountId: string, cardToken: string, makeDefault: boolean): Promise<PaymentMethod> {
  const answer = await request<PaymentMethod>('POST', `/api/accounts/${accountId}/payment-methods`, {
    body: { cardToken, makeDefault },
  });
  return answer.body;
}
