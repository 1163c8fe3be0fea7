// Server state shared by several screens: who is signed in, and the header of the account in focus.
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get } from './client';
import type { Header, Me } from './types';

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: ({ signal }) => get<Me>('/api/me', signal), staleTime: 5 * 60_000 });
}

export const headerKey = (accountId: string) => ['header', accountId] as const;

export function useHeader(accountId: string | undefined) {
  return useQuery({
    queryKey: headerKey(accountId ?? ''),
    queryFn: ({ signal }) => get<Header>(`/api/accounts/${accountId}/header`, signal),
    enabled: Boolean(accountId),
  });
}

/** Newer wins: two answers may cross, and asOf says which one is current. */
export function newerHeader(current: Header | undefined, incoming: Header): boolean {
  if (!current?.asOf || !incoming.asOf) return true;
  return Date.parse(incoming.asOf) >= Date.parse(current.asOf);
}

/**
 * The header's live numbers: the BFF pushes the header over Server-Sent Events when a payment or
 * an invoice changes the account, so the balance moves without a reload or a timer.
 */
export function useHeaderEvents(accountId: string | undefined) {
  const client = useQueryClient();
  useEffect(() => {
    if (!accountId || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/accounts/${accountId}/header/events`, { withCredentials: true });
    const onHeader = (event: MessageEvent<string>) => {
      let incoming: Header;
      try {
        incoming = JSON.parse(event.data) as Header;
      } catch {
        return;
      }
      const current = client.getQueryData<Header>(headerKey(accountId));
      if (!newerHeader(current, incoming)) return;
      client.setQueryData(headerKey(accountId), incoming);
      if (current && current.asOf !== incoming.asOf) {
        // the account changed: screens showing its invoices and payments fetch them again
        void client.invalidateQueries({ queryKey: ['account', accountId] });
      }
    };
    source.addEventListener('header', onHeader);
    return () => {
      source.removeEventListener('header', onHeader);
      source.close();
    };
  }, [accountId, client]);
}
