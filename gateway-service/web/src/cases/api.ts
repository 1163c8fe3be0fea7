// My Cases' server calls and shapes (portal-bff's /api/accounts/{id}/cases…), in one place.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, Problem, query, request, upload } from '../api/client';
import type { Me, Page, Section } from '../api/types';

export type CaseState = 'new' | 'in_progress' | 'awaiting_customer' | 'resolved' | 'closed';
export const CASE_STATES: CaseState[] = ['new', 'in_progress', 'awaiting_customer', 'resolved', 'closed'];
export type Priority = 'low' | 'medium' | 'high' | 'critical';
export const PRIORITIES: Priority[] = ['low', 'medium', 'high', 'critical'];
export type CaseFilter = 'open' | 'closed' | 'archived' | 'all';
export const FILTERS: CaseFilter[] = ['open', 'closed', 'archived', 'all'];

export interface CaseSummary {
  number: string;
  accountId: string;
  subject: string;
  priority: Priority;
  state: CaseState;
  requesterId: string | null;
  assigneeName: string | null;
  dueDate: string | null;
  daysRemaining: number | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface Activity {
  id: string;
  kind: 'comment' | 'internal_note' | 'state_change' | 'attachment' | 'opened' | 'account_change';
  text: string | null;
  fromState: CaseState | null;
  toState: CaseState | null;
  fileName: string | null;
  attachmentId: string | null;
  actorId: string | null;
  actorName: string | null;
  impersonatorId: string | null;
  at: string;
  fromAccountId?: string | null;
  toAccountId?: string | null;
}

export interface CaseDetail extends CaseSummary {
  requesterName: string | null;
  openedById?: string | null;
  openedByName?: string | null;
  shortDescription: string | null;
  description: string | null;
  product: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  archivedBy: string | null;
  activity: Activity[];
}

export interface CasePermissions {
  open: boolean;
  comment: boolean;
  respond: boolean;
  changeState: boolean;
  internalNote: boolean;
  changeAccount?: boolean;
}

export interface CasesScreen {
  cases: Section<Page<CaseSummary>>;
  permissions: CasePermissions;
}

/** A row of My Cases across accounts: the case and the account it belongs to (name and number may be unknown yet). */
export interface AccountCase extends CaseSummary {
  accountNumber: string | null;
  accountName: string | null;
}

/** Which cases the list shows: the account in focus, or every account the user may see. */
export type CaseScope = 'account' | 'all';

/** Whether the user sees more than one account (managers, agents, customers of several accounts): only they switch. */
export function seesSeveralAccounts(me: Pick<Me, 'allAccounts' | 'accounts'> | undefined): boolean {
  return Boolean(me && (me.allAccounts || me.accounts.length > 1));
}

/** How a row names its account: "Name (number)", else whichever is known, else the id. */
export function accountLabel(row: Pick<AccountCase, 'accountId' | 'accountName' | 'accountNumber'>): string {
  if (row.accountName && row.accountNumber) return `${row.accountName} (${row.accountNumber})`;
  return row.accountName ?? row.accountNumber ?? row.accountId;
}

export interface CaseScreen {
  detail: CaseDetail;
  permissions: CasePermissions;
}

export interface NewCase {
  subject: string;
  shortDescription: string;
  description?: string;
  product?: string;
  priority: Priority;
  onBehalfOf?: string;
}

export interface Contact {
  id: string;
  name: string;
}

/** Whether the caller (an account manager) may open a case on behalf of a contact, and of whom. */
export interface OnBehalfOf {
  allowed: boolean;
  contacts: Contact[];
}

/** Account managers (account executives who are not agents) open cases only on behalf of a contact. */
export function isManager(roles: string[]): boolean {
  return roles.includes('account_executive') && !roles.includes('success_agent') && !roles.includes('admin');
}

const base = (accountId: string) => `/api/accounts/${accountId}/cases`;

/** The first page comes with the screen (cases as a section, with what the profile allows); "more" pages follow. */
export function useCasePages(accountId: string, q: string, filter: CaseFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['account', accountId, 'cases', q, filter],
    queryFn: ({ pageParam, signal }) =>
      get<CasesScreen>(`${base(accountId)}${query({ q, filter, after: pageParam, limit: 20 })}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.cases.data?.next ?? null,
    enabled,
  });
}

/** My Cases across every account the user may see, newest updated first; "more" pages follow. */
export function useCasesAcrossAccounts(q: string, filter: CaseFilter, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['cases-across-accounts', q, filter],
    queryFn: ({ pageParam, signal }) =>
      get<Page<AccountCase>>(`/api/cases${query({ q, filter, after: pageParam, limit: 20 })}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next ?? null,
    enabled,
  });
}

export const caseKey = (accountId: string, number: string) => ['account', accountId, 'case', number] as const;

export function useCase(accountId: string, number: string) {
  return useQuery({
    queryKey: caseKey(accountId, number),
    queryFn: ({ signal }) => get<CaseScreen>(`${base(accountId)}/${encodeURIComponent(number)}`, signal),
    retry: (count, error) => !(error instanceof Problem && error.status < 500) && count < 2,
  });
}

/** Asked only for account managers: the portal setting decides whether "New request on behalf of" shows. */
export function useOnBehalfOf(accountId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['account', accountId, 'cases-on-behalf-of'],
    queryFn: ({ signal }) => get<OnBehalfOf>(`${base(accountId)}/on-behalf-of`, signal),
    enabled,
  });
}

/** An agent moves a case to another account; the answer is the case under that account. */
export async function changeCaseAccount(
  accountId: string,
  number: string,
  to: string,
  reason: string,
): Promise<CaseDetail> {
  return (
    await request<CaseDetail>('POST', `${base(accountId)}/${encodeURIComponent(number)}/account`, {
      body: { accountId: to, reason },
    })
  ).body;
}

export async function openCase(accountId: string, body: NewCase): Promise<CaseDetail> {
  return (await request<CaseDetail>('POST', base(accountId), { body })).body;
}

/** A file as multipart `file`, with the CSRF header like every change. */
export function uploadAttachment(accountId: string, number: string, file: File): Promise<CaseDetail> {
  return upload<CaseDetail>(`${base(accountId)}/${encodeURIComponent(number)}/attachments`, file);
}

export function attachmentUrl(accountId: string, number: string, attachmentId: string): string {
  return `${base(accountId)}/${encodeURIComponent(number)}/attachments/${attachmentId}`;
}

export type CaseAction =
  | { kind: 'comment'; text: string }
  | { kind: 'internal-note'; text: string }
  | { kind: 'state'; state: CaseState; reason?: string }
  | { kind: 'accept' }
  | { kind: 'reject'; reason: string }
  | { kind: 'reopen'; reason: string }
  | { kind: 'attach'; file: File }
  | { kind: 'archive' };

export function actionCall(accountId: string, number: string, action: CaseAction): Promise<unknown> {
  const path = `${base(accountId)}/${encodeURIComponent(number)}`;
  switch (action.kind) {
    case 'comment':
      return request('POST', `${path}/comments`, { body: { text: action.text } });
    case 'internal-note':
      return request('POST', `${path}/internal-notes`, { body: { text: action.text } });
    case 'state':
      return request('POST', `${path}/state`, {
        body: action.reason ? { state: action.state, reason: action.reason } : { state: action.state },
      });
    case 'accept':
      return request('POST', `${path}/resolution/accept`);
    case 'reject':
      return request('POST', `${path}/resolution/reject`, { body: { reason: action.reason } });
    case 'reopen':
      return request('POST', `${path}/reopen`, { body: { reason: action.reason } });
    case 'attach':
      return uploadAttachment(accountId, number, action.file);
    case 'archive':
      return request('POST', `${path}/archive`);
  }
}

/** Every change of one case; afterwards the case and the list are fetched again. */
export function useCaseAction(accountId: string, number: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: CaseAction) => actionCall(accountId, number, action),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['account', accountId] }),
        client.invalidateQueries({ queryKey: ['cases-across-accounts'] }),
      ]),
  });
}

/** What a customer may do with a case in this state (the service refuses the rest anyway). */
export function customerActions(state: CaseState, archived: boolean): { respond: boolean; reopen: boolean } {
  if (archived) return { respond: false, reopen: false };
  return { respond: state === 'resolved', reopen: state === 'closed' };
}

/** The agents' state table (case-service's CaseState). */
export function nextStates(state: CaseState): CaseState[] {
  switch (state) {
    case 'new':
      return ['in_progress', 'awaiting_customer', 'resolved', 'closed'];
    case 'in_progress':
      return ['awaiting_customer', 'resolved', 'closed'];
    case 'awaiting_customer':
      return ['in_progress', 'resolved', 'closed'];
    case 'resolved':
      return ['in_progress', 'closed'];
    case 'closed':
      return ['in_progress'];
  }
}
