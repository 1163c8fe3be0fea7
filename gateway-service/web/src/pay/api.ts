import { useQuery } from '@tanstack/react-query';
import { get, request } from '../api/client';
import type { CreditApplication, PayScreen, Payment } from '../api/types';
import type { CreditRequestBody, PayRequestBody } from '../lib/allocation';

export function usePayScreen(accountId: string) {
  return useQuery({
    queryKey: ['account', accountId, 'pay'],
    queryFn: ({ signal }) => get<PayScreen>(`/api/accounts/${accountId}/pay`, signal),
    staleTime: 0,
  });
}

/** 201 (paid), 200 (the same key again: the first payment) or 202 (pending: the receipt polls). */
export async function pay(accountId: string, body: PayRequestBody, idempotencyKey: string) {
  return request<Payment>('POST', `/api/accounts/${accountId}/payments`, {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** 201 (applied) or 200 (the same key again: the first application, nothing applied twice). */
export async function applyCredit(accountId: string, body: CreditRequestBody, idempotencyKey: string) {
  return request<CreditApplication>('POST', `/api/accounts/${accountId}/credit-applications`, {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
