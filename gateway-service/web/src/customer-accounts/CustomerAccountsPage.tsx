import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { get, query } from '../api/client';
import type { CustomerAccountRow, Page } from '../api/types';
import { useI18n } from '../i18n/I18n';
import type { MessageKey } from '../i18n/messages';
import { ErrorMessage, Loading, PageError, PageTitle } from '../ui/States';
import { StatusBadge } from '../ui/StatusBadge';
import { Problem } from '../api/client';

export const SORTS = [
  'name',
  'number',
  'balance',
  'credit',
  'overdue',
  'lastPaymentAt',
  'status',
  'manager',
  'activeSubscriptions',
  'mrr',
] as const;
export type Sort = (typeof SORTS)[number];
const LABEL: Record<Sort, MessageKey> = {
  name: 'accounts.name',
  number: 'accounts.number',
  balance: 'accounts.balance',
  credit: 'accounts.credit',
  overdue: 'accounts.overdue',
  lastPaymentAt: 'accounts.lastPayment',
  status: 'accounts.status',
  manager: 'accounts.manager',
  activeSubscriptions: 'accounts.activeSubscriptions',
  mrr: 'accounts.mrr',
};
const NUMERIC: Sort[] = ['balance', 'credit', 'overdue', 'activeSubscriptions', 'mrr'];

/** The URL holds the search and the order, so a link or a reload shows the same list. */
export function readListState(params: URLSearchParams): { q: string; sort: Sort; direction: 'asc' | 'desc' } {
  const sort = SORTS.find((s) => s === params.get('sort')) ?? 'name';
  const direction = params.get('direction') === 'desc' ? 'desc' : 'asc';
  return { q: params.get('q') ?? '', sort, direction };
}

/** Clicking a column sorts by it ascending; clicking the sorted column again flips the direction. */
export function nextSort(current: { sort: Sort; direction: 'asc' | 'desc' }, column: Sort) {
  if (current.sort !== column) return { sort: column, direction: 'asc' as const };
  return { sort: column, direction: current.direction === 'asc' ? ('desc' as const) : ('asc' as const) };
}

export function CustomerAccountsPage() {
  const { t, money, instantDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const state = readListState(params);
  const searchId = useId();
  const list = useInfiniteQuery({
    queryKey: ['customer-accounts', state],
    queryFn: ({ pageParam, signal }) =>
      get<Page<CustomerAccountRow>>(
        `/api/customer-accounts${query({ ...state, after: pageParam, limit: 25 })}`,
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget).get('q') ?? '').trim();
    setParams({ ...Object.fromEntries(params), q });
  };
  const sortBy = (column: Sort) => {
    const n = nextSort(state, column);
    setParams({ ...Object.fromEntries(params), sort: n.sort, direction: n.direction });
  };
  if (list.error instanceof Problem && (list.error.status === 403 || list.error.status === 404)) {
    return <PageError error={list.error} />;
  }
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageTitle>{t('accounts.title')}</PageTitle>
      <form className="filters" onSubmit={search} role="search" aria-label={t('accounts.search')}>
        <label htmlFor={searchId}>{t('accounts.search')}</label>
        <input
          id={searchId}
          name="q"
          type="search"
          defaultValue={state.q}
          placeholder={t('accounts.searchHint')}
          key={state.q}
        />
        <button type="submit">{t('accounts.search')}</button>
      </form>
      {list.isPending && <Loading />}
      {list.isError && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && rows.length === 0 && <p className="state empty">{t('accounts.none')}</p>}
      {rows.length > 0 && (
        <div className="table-scroll" role="region" aria-label={t('accounts.title')} tabIndex={0}>
          <table data-testid="customer-accounts">
            <thead>
              <tr>
                {SORTS.map((column) => {
                  const sorted = state.sort === column;
                  return (
                    <th
                      key={column}
                      scope="col"
                      className={NUMERIC.includes(column) ? 'num' : undefined}
                      aria-sort={sorted ? (state.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                    >
                      <button type="button" className="sort" onClick={() => sortBy(column)} data-sort={column}>
                        {t(LABEL[column])}
                        <span aria-hidden="true" className="sort-mark">
                          {sorted ? (state.direction === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    </th>
                  );
                })}
                <th scope="col" className="num">
                  {t('accounts.openCases')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.accountId}>
                  <th scope="row">
                    <Link to={`/accounts/${a.accountId}/my-account`}>{a.name}</Link>
                  </th>
                  <td>{a.accountNumber}</td>
                  <td className="num">{money(a.balance, a.currency)}</td>
                  <td className="num">{money(a.creditBalance, a.currency)}</td>
                  <td className="num">{money(a.overdueAmount, a.currency)}</td>
                  <td>{instantDate(a.lastPaymentAt)}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>{a.accountManager ?? '–'}</td>
                  <td className="num" data-field="activeSubscriptions">
                    {a.activeSubscriptions ?? 0}
                  </td>
                  <td className="num" data-field="mrr">
                    {money(a.monthlyRecurringRevenue ?? 0, a.currency)}
                  </td>
                  <td className="num">
                    {a.openCases ? (
                      <Link
                        to={`/accounts/${a.accountId}/cases`}
                        aria-label={t('accounts.openCasesOf', { count: a.openCases, name: a.name })}
                      >
                        {a.openCases}
                      </Link>
                    ) : (
                      (a.openCases ?? '–')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t('accounts.more')}
        </button>
      )}
    </>
  );
}
