import { useId, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Problem } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, PageError, PageTitle } from '../ui/States';
import { useMe } from '../api/hooks';
import {
  accountLabel,
  FILTERS,
  isManager,
  seesSeveralAccounts,
  useCasePages,
  useCasesAcrossAccounts,
  useOnBehalfOf,
  type AccountCase,
  type CaseFilter,
  type CaseScope,
  type CaseSummary,
} from './api';
import { CaseStateBadge, PriorityBadge } from './badges';

/** The list's search and filter live in the URL (?q=&filter=), so a list can be linked and comes back on Back. */
export function readCaseListState(params: URLSearchParams): { q: string; filter: CaseFilter } {
  const filter = params.get('filter');
  return {
    q: (params.get('q') ?? '').slice(0, 100),
    filter: FILTERS.includes(filter as CaseFilter) ? (filter as CaseFilter) : 'open',
  };
}

/**
 * "All my accounts" (?scope=all) only for a user who sees more than one account; anyone else, or an
 * unknown value, gets the account in focus.
 */
export function readCaseScope(params: URLSearchParams, canSwitch: boolean): CaseScope {
  return canSwitch && params.get('scope') === 'all' ? 'all' : 'account';
}

/** The list's URL in the other scope: search and filter stay. */
export function scopeSearch(params: URLSearchParams, scope: CaseScope): string {
  const next = new URLSearchParams(params);
  if (scope === 'all') next.set('scope', 'all');
  else next.delete('scope');
  const text = next.toString();
  return text ? `?${text}` : '';
}

type Row = CaseSummary & Partial<Pick<AccountCase, 'accountName' | 'accountNumber'>>;

export function CasesPage() {
  const { accountId = '' } = useParams();
  const { t, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const { q, filter } = readCaseListState(params);
  const me = useMe();
  const canSwitch = seesSeveralAccounts(me.data);
  const scope = readCaseScope(params, canSwitch);
  const across = scope === 'all';
  // asked for all accounts but the profile is not there yet: wait rather than load this account's list first
  const waitingForMe = params.get('scope') === 'all' && me.isPending;
  const pages = useCasePages(accountId, q, filter, !across && !waitingForMe);
  const acrossPages = useCasesAcrossAccounts(q, filter, across);
  const manager = isManager(me.data?.roles ?? []);
  const onBehalf = useOnBehalfOf(accountId, manager && !across);
  const ids = useId();
  const active = across ? acrossPages : pages;
  if (active.error instanceof Problem && [403, 404].includes(active.error.status)) {
    return <PageError error={active.error} />;
  }
  const permissions = across ? undefined : pages.data?.pages[0]?.permissions;
  const unavailable = across ? undefined : pages.data?.pages.find((p) => p.cases.status !== 'ok');
  const rows: Row[] = across
    ? (acrossPages.data?.pages.flatMap((p) => p.items) ?? [])
    : (pages.data?.pages.flatMap((p) => p.cases.data?.items ?? []) ?? []);
  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    const text = String(form.get('q') ?? '').trim();
    if (text) next.set('q', text);
    next.set('filter', String(form.get('filter') ?? 'open'));
    if (across) next.set('scope', 'all');
    setParams(next);
  };
  return (
    <>
      <PageTitle>{t('tab.cases')}</PageTitle>
      <section id="cases" aria-labelledby="cases-title" className="card">
        <div className="card-head">
          <h2 id="cases-title">{t('cases.title')}</h2>
          {permissions?.open && me.data && !manager && (
            <div className="card-actions">
              <Link to={`/accounts/${accountId}/cases/new`} className="button primary">
                {t('cases.new')}
              </Link>
            </div>
          )}
          {permissions?.open && manager && onBehalf.data?.allowed && (
            <div className="card-actions">
              <Link to={`/accounts/${accountId}/cases/new`} className="button primary">
                {t('cases.newOnBehalf')}
              </Link>
            </div>
          )}
        </div>
        {canSwitch && (
          <nav className="filters scope-switch" aria-label={t('cases.scope')} data-testid="case-scope">
            <Link to={scopeSearch(params, 'account')} aria-current={across ? undefined : 'page'}>
              {t('cases.scope.account')}
            </Link>
            <Link to={scopeSearch(params, 'all')} aria-current={across ? 'page' : undefined}>
              {t('cases.scope.all')}
            </Link>
          </nav>
        )}
        <form className="filters" role="search" onSubmit={search} aria-label={t('cases.search')} key={`${q}|${filter}`}>
          <label htmlFor={`${ids}-q`}>{t('cases.searchLabel')}</label>
          <input id={`${ids}-q`} name="q" type="search" maxLength={100} defaultValue={q} />
          <label htmlFor={`${ids}-filter`}>{t('cases.filter')}</label>
          <select id={`${ids}-filter`} name="filter" defaultValue={filter}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`cases.filter.${f}`)}
              </option>
            ))}
          </select>
          <button type="submit">{t('cases.apply')}</button>
        </form>
        {active.isPending && (
          <p className="state loading" role="status">
            {t('section.loading', { name: t('cases.title') })}
          </p>
        )}
        {active.isError && <ErrorMessage error={active.error} onRetry={() => void active.refetch()} />}
        {unavailable && (
          <div className="state unavailable" role="status">
            <p>
              {t('section.unavailable', { name: t('cases.title') })}
              {unavailable.cases.detail ? ` (${unavailable.cases.detail})` : ''}
            </p>
            <button type="button" onClick={() => void pages.refetch()}>
              {t('app.retry')}
            </button>
          </div>
        )}
        {active.data && !unavailable && rows.length === 0 && (
          <p className="state empty">{q ? t('cases.noneMatch') : t('cases.none')}</p>
        )}
        {rows.length > 0 && (
          <div className="table-scroll" role="region" aria-labelledby="cases-title" tabIndex={0}>
            <table data-testid="case-table">
              <thead>
                <tr>
                  <th scope="col">{t('cases.number')}</th>
                  {across && <th scope="col">{t('cases.account')}</th>}
                  <th scope="col">{t('cases.subject')}</th>
                  <th scope="col">{t('cases.state')}</th>
                  <th scope="col">{t('cases.priority')}</th>
                  <th scope="col">{t('cases.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.number}>
                    <th scope="row">
                      {/* across accounts a case opens under its own account */}
                      <Link to={`/accounts/${across ? c.accountId : accountId}/cases/${c.number}`}>{c.number}</Link>
                    </th>
                    {across && (
                      <td>
                        {accountLabel({
                          ...c,
                          accountName: c.accountName ?? null,
                          accountNumber: c.accountNumber ?? null,
                        })}
                      </td>
                    )}
                    <td>{c.subject}</td>
                    <td>
                      <CaseStateBadge state={c.state} />
                    </td>
                    <td>
                      <PriorityBadge priority={c.priority} />
                    </td>
                    <td>{dateTime(c.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {active.hasNextPage && !unavailable && (
          <button type="button" onClick={() => void active.fetchNextPage()} disabled={active.isFetchingNextPage}>
            {t('cases.more')}
          </button>
        )}
      </section>
    </>
  );
}
