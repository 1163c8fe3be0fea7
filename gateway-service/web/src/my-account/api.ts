// My Account's server calls, in one place.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, query, request } from '../api/client';
import type { Invoice, MyAccount, Page, Payment } from '../api/types';

export const myAccountKey = (accountId: string) => ['account', accountId, 'my-account'] as const;

export function useMyAccount(accountId: string) {
  return useQuery({
    queryKey: myAccountKey(accountId),
    queryFn: ({ signal }) => get<MyAccount>(`/api/accounts/${accountId}/my-account`, signal),
  });
}

export interface InvoiceFilter {
  status: string;
  from: string;
  to: string;
}

export const NO_FILTER: InvoiceFilter = { status: '', from: '', to: '' };

/** Invoice pages: the first unfiltered page comes with the screen; filters and "more" ask /invoices. */
export function useInvoicePages(accountId: string, filter: InvoiceFilter, first: Page<Invoice> | null | undefined) {
  const unfiltered = !filter.status && !filter.from && !filter.to;
  return useInfiniteQuery({
    queryKey: ['account', accountId, 'invoices', filter, unfiltered && first ? 'seeded' : 'fetched'],
    queryFn: ({ pageParam, signal }) =>
      get<Page<Invoice>>(
        `/api/accounts/${accountId}/invoices${query({ ...filter, after: pageParam, limit: 20 })}`,
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    initialData: unfiltered && first ? { pages: [first], pageParams: [null] } : undefined,
    enabled: !unfiltered || Boolean(first),
  });
}

export function usePaymentPages(accountId: string, first: Page<Payment> | null | undefined) {
  return useInfiniteQuery({
    queryKey: ['account', accountId, 'payments', first ? 'seeded' : 'fetched'],
    queryFn: ({ pageParam, signal }) =>
      get<Page<Payment>>(`/api/accounts/${accountId}/payments${query({ after: pageParam, limit: 20 })}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    initialData: first ? { pages: [first], pageParams: [null] } : undefined,
    enabled: Boolean(first),
  });
}

export function usePaymentMethodActions(accountId: string) {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: ['account', accountId] });
  const makeDefault = useMutation({
    mutationFn: (methodId: string) => request('POST', `/api/accounts/${accountId}/payment-methods/${methodId}/default`),
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: (methodId: string) => request('DELETE', `/api/accounts/${accountId}/payment-methods/${methodId}`),
    onSuccess: done,
  });
  return { makeDefault, remove };
}
