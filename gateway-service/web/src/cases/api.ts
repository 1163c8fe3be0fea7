// My Cases' server calls and shapes (portal-bff's /api/accounts/{id}/cases…), in one place.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { csrfToken, get, Problem, query, request, slugOf } from '../api/client';
import type { Page, Section } from '../api/types';

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
  kind: 'comment' | 'internal_note' | 'state_change' | 'attachment';
  text: string | null;
  fromState: CaseState | null;
  toState: CaseState | null;
  fileName: string | null;
  attachmentId: string | null;
  actorId: string | null;
  actorName: string | null;
  impersonatorId: string | null;
  at: string;
}

export interface CaseDetail extends CaseSummary {
  requesterName: string | null;
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
}

export interface CasesScreen {
  cases: Section<Page<CaseSummary>>;
  permissions: CasePermissions;
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
}

const base = (accountId: string) => `/api/accounts/${accountId}/cases`;

/** The first page comes with the screen (cases as a section, with what the profile allows); "more" pages follow. */
export function useCasePages(accountId: string, q: string, filter: CaseFilter) {
  return useInfiniteQuery({
    queryKey: ['account', accountId, 'cases', q, filter],
    queryFn: ({ pageParam, signal }) =>
      get<CasesScreen>(`${base(accountId)}${query({ q, filter, after: pageParam, limit: 20 })}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.cases.data?.next ?? null,
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

export async function openCase(accountId: string, body: NewCase): Promise<CaseDetail> {
  return (await request<CaseDetail>('POST', base(accountId), { body })).body;
}

/** A file as multipart `file`, with the CSRF header like every change. */
export async function uploadAttachment(accountId: string, number: string, file: File): Promise<CaseDetail> {
  let token = csrfToken();
  if (!token) {
    await get('/api/me');
    token = csrfToken();
  }
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${base(accountId)}/${encodeURIComponent(number)}/attachments`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-XSRF-TOKEN': token },
      body: form,
    });
  } catch {
    throw new Problem(0, 'network', 'Network error', 'The portal could not be reached.');
  }
  const body = (response.headers.get('content-type') ?? '').includes('json')
    ? await response.json().catch(() => null)
    : null;
  if (!response.ok) {
    throw new Problem(
      response.status,
      slugOf(body?.type) || String(response.status),
      body?.title ?? response.statusText,
      body?.detail ?? '',
      body?.field,
    );
  }
  return body as CaseDetail;
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
  | { kind: 'attach'; file: File };

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
  }
}

/** Every change of one case; afterwards the case and the list are fetched again. */
export function useCaseAction(accountId: string, number: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: CaseAction) => actionCall(accountId, number, action),
    onSuccess: () => client.invalidateQueries({ queryKey: ['account', accountId] }),
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
