import { useId, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useI18n } from '../i18n/I18n';
import { PageTitle } from '../ui/States';
import { LIST_KINDS, SCOPES } from './api';
import { listTitleKey } from './labels';

/** The My Lists home: the six lists (All / My of initiatives, success cases, touchpoints) and the search. */
export function MyListsPage() {
  const { accountId = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const ids = useId();
  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget).get('q') ?? '').trim();
    if (q) void navigate(`/accounts/${accountId}/success/search?q=${encodeURIComponent(q)}`);
  };
  return (
    <>
      <PageTitle>{t('tab.success')}</PageTitle>
      <form className="filters" role="search" aria-label={t('success.search')} onSubmit={search}>
        <label htmlFor={`${ids}-q`}>{t('success.searchLabel')}</label>
        <input id={`${ids}-q`} name="q" type="search" maxLength={100} required />
        <button type="submit">{t('success.searchButton')}</button>
      </form>
      <section className="card" aria-labelledby={`${ids}-lists`}>
        <h2 id={`${ids}-lists`}>{t('success.lists')}</h2>
        <ul className="success-lists" data-testid="success-lists">
          {SCOPES.flatMap((scope) =>
            LIST_KINDS.map((kind) => (
              <li key={`${scope}-${kind}`}>
                <Link to={`/accounts/${accountId}/success/${kind}?list=${scope}`}>{t(listTitleKey(scope, kind))}</Link>
              </li>
            )),
          )}
        </ul>
      </section>
    </>
  );
}
