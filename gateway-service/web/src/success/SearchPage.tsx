import { useId, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, PageTitle } from '../ui/States';
import { useSuccessSearch } from './api';
import { sourceKey, stateKey } from './labels';

/** One query, results grouped by source; each group holds only what the searcher may see (case-service decides). */
export function SearchPage() {
  const { accountId = '' } = useParams();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim().slice(0, 100);
  const found = useSuccessSearch(accountId, q);
  const ids = useId();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const text = String(new FormData(e.currentTarget).get('q') ?? '').trim();
    if (text) setParams({ q: text });
  };
  return (
    <>
      <PageTitle>{t('success.searchTitle')}</PageTitle>
      <p>
        <Link to={`/accounts/${accountId}/success`}>{t('success.backToLists')}</Link>
      </p>
      <form className="filters" role="search" aria-label={t('success.search')} onSubmit={submit} key={q}>
        <label htmlFor={`${ids}-q`}>{t('success.searchLabel')}</label>
        <input id={`${ids}-q`} name="q" type="search" maxLength={100} defaultValue={q} required />
        <button type="submit">{t('success.searchButton')}</button>
      </form>
      {found.isFetching && (
        <p className="state loading" role="status">
          {t('app.loading')}
        </p>
      )}
      {found.isError && <ErrorMessage error={found.error} onRetry={() => void found.refetch()} />}
      {found.data && (
        <div data-testid="search-results">
          {found.data.groups.map((g) => (
            <section key={g.source} className="card" aria-labelledby={`${ids}-${g.source}`} data-source={g.source}>
              <h2 id={`${ids}-${g.source}`}>
                {t(sourceKey(g.source))} ({g.items.length})
              </h2>
              {g.items.length === 0 ? (
                <p className="state empty">{t('success.noMatches')}</p>
              ) : (
                <ul>
                  {g.items.map((i) => (
                    <li key={i.number}>
                      <Link
                        to={
                          g.source === 'support-cases'
                            ? `/accounts/${accountId}/cases/${i.number}`
                            : `/accounts/${accountId}/success/${g.source}/${i.number}`
                        }
                      >
                        {i.number}
                      </Link>{' '}
                      {i.subject} · {g.source === 'support-cases' ? i.state : t(stateKey(i.state))}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      )}
    </>
  );
}
