// My Subscriptions' server calls, in one place.
import { useQuery } from '@tanstack/react-query';
import { get, request } from '../api/client';
import type { MySubscriptions, Quote, SubscriptionChanged, SubscriptionScreen } from '../api/types';
import type { ChangeBody } from '../lib/subscriptions';

const base = (accountId: string) => `/api/accounts/${accountId}/subscriptions`;

/** Under ['account', id]: a change (or the header's event) refreshes every screen of the account. */
export const subscriptionsKey = (accountId: string) => ['account', accountId, 'subscriptions'] as const;

export function useMySubscriptions(accountId: string) {
  return useQuery({
    queryKey: subscriptionsKey(accountId),
    queryFn: ({ signal }) => get<MySubscriptions>(base(accountId), signal),
    staleTime: 0,
  });
}

export function useSubscriptionScreen(accountId: string, subscriptionId: string) {
  return useQuery({
    queryKey: [...subscriptionsKey(accountId), subscriptionId],
    queryFn: ({ signal }) => get<SubscriptionScreen>(`${base(accountId)}/${subscriptionId}`, signal),
    staleTime: 0,
  });
}

export interface CancelBody {
  when: 'now' | 'term_end';
  reason: string;
  comment?: string;
}

export type SubscriptionCall =
  | { action: 'change'; body: ChangeBody }
  | { action: 'cancel'; body: CancelBody }
  | { action: 'undoCancel' | 'pause' | 'resume' };

const PATH = {
  change: 'changes',
  cancel: 'cancel',
  undoCancel: 'cancel/undo',
  pause: 'pause',
  resume: 'resume',
} as const;

export async function preview(accountId: string, subscriptionId: string, body: ChangeBody, key: string) {
  return (
    await request<Quote>('POST', `${base(accountId)}/${subscriptionId}/changes/preview`, {
      body,
      headers: { 'Idempotency-Key': key },
    })
  ).body;
}

export async function act(accountId: string, subscriptionId: string, call: SubscriptionCall, key: string) {
  return (
    await request<SubscriptionChanged>('POST', `${base(accountId)}/${subscriptionId}/${PATH[call.action]}`, {
      body: 'body' in call ? call.body : undefined,
      headers: { 'Idempotency-Key': key },
    })
  ).body;
}
