// Customer success: portal-bff's /api/accounts/{id}/success… calls and shapes, in one place.
import { useQuery } from '@tanstack/react-query';
import { get, Problem, query, request, upload } from '../api/client';
import type { Section } from '../api/types';

export type Kind = 'initiatives' | 'cases' | 'tasks' | 'touchpoints';
export const KINDS: Kind[] = ['initiatives', 'cases', 'tasks', 'touchpoints'];
/** The six lists of the My Lists home: All and My of each. */
export const LIST_KINDS: Kind[] = ['initiatives', 'cases', 'touchpoints'];
export type Scope = 'all' | 'my';
export const SCOPES: Scope[] = ['all', 'my'];
export const STATES: Record<Kind, string[]> = {
  initiatives: ['planned', 'active', 'completed', 'cancelled'],
  cases: ['new', 'in_progress', 'on_hold', 'resolved', 'closed'],
  tasks: ['open', 'in_progress', 'done', 'cancelled'],
  touchpoints: ['planned', 'held', 'cancelled'],
};
export const SORTS = ['number', 'dueDate', 'updatedAt', 'state', 'subject'] as const;
export type Sort = (typeof SORTS)[number];
export const TOUCHPOINT_TYPES = ['call', 'meeting', 'email', 'workshop', 'review'] as const;
export const PAGE_SIZE = 20;

/** The record kind (as case-service names it) -> its path segment. */
export const KIND_PATH: Record<string, Kind> = {
  initiative: 'initiatives',
  success_case: 'cases',
  task: 'tasks',
  touchpoint: 'touchpoints',
};

export function isKind(value: string | undefined): value is Kind {
  return KINDS.includes(value as Kind);
}

export interface SuccessSummary {
  number: string;
  kind: string;
  accountId: string;
  parentNumber: string | null;
  subject: string;
  state: string;
  product: string | null;
  dueDate: string | null;
  daysRemaining: number | null;
  assigneeId: string | null;
  assigneeName: string | null;
  visibleToCustomer: boolean;
  touchpointType: string | null;
  updatedAt: string;
}

export interface SuccessActivity {
  id: string;
  kind: 'comment' | 'internal_note' | 'state_change' | 'attachment';
  text: string | null;
  fromState: string | null;
  toState: string | null;
  fileName: string | null;
  attachmentId: string | null;
  actorName: string | null;
  at: string;
}

export interface SuccessDetail extends SuccessSummary {
  states: string[];
  shortDescription: string | null;
  description: string | null;
  contactIds: string[];
  attendees: string[];
  createdAt: string;
  headerFields: string[];
  articles: { id: string; title: string; product: string | null }[];
  children: SuccessSummary[];
  activity: SuccessActivity[];
}

export interface Permissions {
  work: boolean;
  comment: boolean;
}

export interface ListScreen {
  records: Section<{ items: SuccessSummary[]; offset: number; limit: number; more: boolean }>;
  permissions: Permissions;
}

export interface DetailScreen {
  detail: SuccessDetail;
  permissions: Permissions;
}

export interface SearchGroup {
  source: Kind | 'support-cases';
  items: { number: string; kind: string; subject: string; state: string; parentNumber: string | null }[];
}

export interface NewRecord {
  parentNumber?: string | null;
  subject: string;
  shortDescription?: string;
  description?: string;
  product?: string;
  dueDate?: string | null;
  touchpointType?: string | null;
  attendees?: string[];
  visibleToCustomer: boolean;
  contactIds: string[];
}

export interface ListState {
  list: Scope;
  state: string | null;
  sort: Sort;
  direction: 'asc' | 'desc';
  offset: number;
}

/** A list's choices live in the URL (?list=&state=&sort=&direction=&offset=), so it can be linked. */
export function readListState(kind: Kind, params: URLSearchParams): ListState {
  const list = params.get('list') === 'my' ? 'my' : 'all';
  const state = params.get('state');
  const sort = params.get('sort');
  const offset = Number(params.get('offset') ?? 0);
  return {
    list,
    state: state && STATES[kind].includes(state) ? state : null,
    sort: SORTS.includes(sort as Sort) ? (sort as Sort) : 'number',
    direction: params.get('direction') === 'asc' ? 'asc' : 'desc',
    offset: Number.isInteger(offset) && offset >= 0 && offset <= 10000 ? offset : 0,
  };
}

const base = (accountId: string) => `/api/accounts/${accountId}/success`;

export function listUrl(accountId: string, kind: Kind, s: ListState, limit = PAGE_SIZE): string {
  return `${base(accountId)}/${kind}${query({
    list: s.list,
    state: s.state,
    sort: s.sort,
    direction: s.direction,
    offset: s.offset || null,
    limit,
  })}`;
}

const noRetryOn4xx = (count: number, error: unknown) => !(error instanceof Problem && error.status < 500) && count < 2;

export function useSuccessList(accountId: string, kind: Kind, s: ListState, limit = PAGE_SIZE) {
  return useQuery({
    queryKey: ['account', accountId, 'success', kind, s, limit],
    queryFn: ({ signal }) => get<ListScreen>(listUrl(accountId, kind, s, limit), signal),
    retry: noRetryOn4xx,
  });
}

export const recordKey = (accountId: string, kind: Kind, number: string) =>
  ['account', accountId, 'success', kind, 'record', number] as const;

export function useSuccessRecord(accountId: string, kind: Kind, number: string) {
  return useQuery({
    queryKey: recordKey(accountId, kind, number),
    queryFn: ({ signal }) => get<DetailScreen>(`${base(accountId)}/${kind}/${encodeURIComponent(number)}`, signal),
    retry: noRetryOn4xx,
  });
}

export function useSuccessSearch(accountId: string, q: string) {
  return useQuery({
    queryKey: ['account', accountId, 'success-search', q],
    queryFn: ({ signal }) =>
      get<{ q: string; groups: SearchGroup[] }>(`/api/accounts/${accountId}/success-search${query({ q })}`, signal),
    enabled: q.length > 0,
    retry: noRetryOn4xx,
  });
}

export async function createRecord(accountId: string, kind: Kind, body: NewRecord): Promise<SuccessDetail> {
  return (await request<SuccessDetail>('POST', `${base(accountId)}/${kind}`, { body })).body;
}

/** One of the agents' changes on a record (state, visibility, assignee, internal note, comment). */
export async function changeRecord(
  accountId: string,
  kind: Kind,
  number: string,
  method: 'POST' | 'PUT',
  action: 'state' | 'visibility' | 'assignee' | 'internal-notes' | 'comments' | 'articles',
  body: unknown,
): Promise<SuccessDetail> {
  return (
    await request<SuccessDetail>(method, `${base(accountId)}/${kind}/${encodeURIComponent(number)}/${action}`, { body })
  ).body;
}

export interface Person {
  id: string;
  name: string;
}

/** The account's contacts (identity-service, by name) to pick whom a record is visible to. */
export function useAccountContacts(accountId: string) {
  return useQuery({
    queryKey: ['account', accountId, 'portal-contacts'],
    queryFn: ({ signal }) => get<Person[]>(`/api/accounts/${accountId}/portal-contacts`, signal),
    retry: noRetryOn4xx,
    staleTime: 60_000,
  });
}

/** The success agents a record can be handed to (agents and admins only). */
export function useAgents(enabled = true) {
  return useQuery({
    queryKey: ['agents'],
    queryFn: ({ signal }) => get<Person[]>('/api/agents', signal),
    retry: noRetryOn4xx,
    staleTime: 60_000,
    enabled,
  });
}

/**
 * The checkboxes to show: the account's contacts by name, then any id already on the record that is no
 * longer a contact (shown by its id), so saving does not drop it unnoticed.
 */
export function contactChoices(contacts: Person[], selected: string[]): Person[] {
  const known = new Set(contacts.map((c) => c.id));
  return [...contacts, ...selected.filter((id) => !known.has(id)).map((id) => ({ id, name: id }))];
}

/** The ids of the checked contacts of a form (checkboxes named `contacts`), once each, at most 50. */
export function checkedContacts(form: FormData): string[] {
  return [...new Set(form.getAll('contacts').map(String).filter(Boolean))].slice(0, 50);
}

export function uploadRecordAttachment(
  accountId: string,
  kind: Kind,
  number: string,
  file: File,
): Promise<SuccessDetail> {
  return upload<SuccessDetail>(`${base(accountId)}/${kind}/${encodeURIComponent(number)}/attachments`, file);
}

export interface KnowledgeArticle {
  id: string;
  title: string;
  body: string;
  product: string | null;
  published: boolean;
  updatedAt?: string;
  updatedBy?: string;
}

export type ArticleInput = Pick<KnowledgeArticle, 'title' | 'body' | 'product' | 'published'>;

export const knowledgeKey = ['knowledge', 'articles'] as const;

export function useKnowledgeArticles() {
  return useQuery({
    queryKey: knowledgeKey,
    queryFn: ({ signal }) => get<KnowledgeArticle[]>('/api/knowledge/articles', signal),
    retry: noRetryOn4xx,
  });
}

export function useKnowledgeArticle(id: string | undefined) {
  return useQuery({
    queryKey: [...knowledgeKey, id],
    queryFn: ({ signal }) => get<KnowledgeArticle>(`/api/knowledge/articles/${encodeURIComponent(id ?? '')}`, signal),
    enabled: Boolean(id),
    retry: noRetryOn4xx,
  });
}

/** A new article (no id) or a change to one. */
export async function saveArticle(id: string | undefined, body: ArticleInput): Promise<KnowledgeArticle> {
  const path = id ? `/api/knowledge/articles/${encodeURIComponent(id)}` : '/api/knowledge/articles';
  return (await request<KnowledgeArticle>(id ? 'PUT' : 'POST', path, { body })).body;
}
