import { useId, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Problem } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, PageError, PageTitle } from '../ui/States';
import { FILTERS, useCasePages, type CaseFilter } from './api';
import { CaseStateBadge, PriorityBadge } from './badges';

/** The list's search and filter live in the URL (?q=&filter=), so a list can be linked and comes back on Back. */
export function readCaseListState(params: URLSearchParams): { q: string; filter: CaseFilter } {
  const filter = params.get('filter');
  return {
    q: (params.get('q') ?? '').slice(0, 100),
    filter: FILTERS.includes(filter as CaseFilter) ? (filter as CaseFilter) : 'open',
  };
}

export function CasesPage() {
  const { accountId = '' } = useParams();
  const { t, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const { q, filter } = readCaseListState(params);
  const pages = useCasePages(accountId, q, filter);
  const ids = useId();
  if (pages.error instanceof Problem && [403, 404].includes(pages.error.status)) {
    return <PageError error={pages.error} />;
  }
  const first = pages.data?.pages[0];
  const permissions = first?.permissions;
  const unavailable = pages.data?.pages.find((p) => p.cases.status !== 'ok');
  const rows = pages.data?.pages.flatMap((p) => p.cases.data?.items ?? []) ?? [];
  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    const text = String(form.get('q') ?? '').trim();
    if (text) next.set('q', text);
    next.set('filter', String(form.get('filter') ?? 'open'));
    setParams(next);
  };
  return (
    <>
      <PageTitle>{t('tab.cases')}</PageTitle>
      <section id="cases" aria-labelledby="cases-title" className="card">
        <div className="card-head">
          <h2 id="cases-title">{t('cases.title')}</h2>
          {permissions?.open && (
            <div className="card-actions">
              <Link to={`/accounts/${accountId}/cases/new`} className="button primary">
                {t('cases.new')}
              </Link>
            </div>
          )}
        </div>
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
        {pages.isPending && (
          <p className="state loading" role="status">
            {t('section.loading', { name: t('cases.title') })}
          </p>
        )}
        {pages.isError && <ErrorMessage error={pages.error} onRetry={() => void pages.refetch()} />}
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
        {pages.data && !unavailable && rows.length === 0 && (
          <p className="state empty">{q ? t('cases.noneMatch') : t('cases.none')}</p>
        )}
        {rows.length > 0 && (
          <div className="table-scroll" role="region" aria-labelledby="cases-title" tabIndex={0}>
            <table data-testid="case-table">
              <thead>
                <tr>
                  <th scope="col">{t('cases.number')}</th>
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
                      <Link to={`/accounts/${accountId}/cases/${c.number}`}>{c.number}</Link>
                    </th>
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
        {pages.hasNextPage && !unavailable && (
          <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
            {t('cases.more')}
          </button>
        )}
      </section>
    </>
  );
}
