import { USER_TYPES, type UserSearch } from '../api';

const SORTS: UserSearch['sort'][] = ['name', 'email', 'username', 'type'];

/** The URL holds the search, filters, order and page, so a link or a reload shows the same list. */
export function readUserSearch(params: URLSearchParams): UserSearch {
  const sort = SORTS.find((s) => s === params.get('sort')) ?? 'name';
  const type = USER_TYPES.find((t) => t === params.get('type')) ?? '';
  const page = Number.parseInt(params.get('page') ?? '0', 10);
  return {
    q: (params.get('q') ?? '').slice(0, 100),
    type,
    accountId: /^[0-9a-f-]{36}$/i.test(params.get('accountId') ?? '') ? (params.get('accountId') as string) : '',
    sort,
    direction: params.get('direction') === 'desc' ? 'desc' : 'asc',
    page: Number.isFinite(page) && page > 0 ? page : 0,
  };
}

/** The URL parameters for a search; defaults are left out so URLs stay short. */
export function writeUserSearch(s: UserSearch): Record<string, string> {
  const out: Record<string, string> = {};
  if (s.q) out.q = s.q;
  if (s.type) out.type = s.type;
  if (s.accountId) out.accountId = s.accountId;
  if (s.sort !== 'name') out.sort = s.sort;
  if (s.direction !== 'asc') out.direction = s.direction;
  if (s.page > 0) out.page = String(s.page);
  return out;
}

/** Clicking a column sorts by it ascending; clicking the sorted column again flips it. Back to the first page. */
export function sortUsers(s: UserSearch, column: UserSearch['sort']): UserSearch {
  const direction = s.sort === column && s.direction === 'asc' ? 'desc' : 'asc';
  return { ...s, sort: column, direction, page: 0 };
}

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}
