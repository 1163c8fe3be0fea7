import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, PageError, PageTitle } from '../ui/States';
import { Problem } from '../api/client';
import { useKnowledgeArticles } from './api';

/** The knowledge articles agents write and share on records: drafts and published ones. */
export function KnowledgePage() {
  const { accountId = '' } = useParams();
  const { t, dateTime } = useI18n();
  const ids = useId();
  const articles = useKnowledgeArticles();
  if (articles.error instanceof Problem && articles.error.status === 403) return <PageError error={articles.error} />;
  const base = `/accounts/${accountId}/knowledge`;
  return (
    <>
      <PageTitle>{t('knowledge.title')}</PageTitle>
      <p>
        <Link to={`/accounts/${accountId}/success`}>{t('success.backToLists')}</Link>
      </p>
      <section className="card" aria-labelledby={`${ids}-list`}>
        <div className="card-head">
          <h2 id={`${ids}-list`}>{t('knowledge.articles')}</h2>
          <div className="card-actions">
            <Link className="button primary" to={`${base}/new`}>
              {t('knowledge.new')}
            </Link>
          </div>
        </div>
        {articles.isPending && (
          <p className="state loading" role="status">
            {t('app.loading')}
          </p>
        )}
        {articles.isError && <ErrorMessage error={articles.error} onRetry={() => void articles.refetch()} />}
        {articles.data?.length === 0 && <p className="state empty">{t('knowledge.none')}</p>}
        {articles.data && articles.data.length > 0 && (
          <ul data-testid="knowledge-articles">
            {articles.data.map((a) => (
              <li key={a.id}>
                <Link to={`${base}/${a.id}`}>{a.title}</Link> ·{' '}
                {a.published ? t('knowledge.published') : t('success.draft')}
                {a.product && ` · ${a.product}`}
                {a.updatedAt && ` · ${dateTime(a.updatedAt)}`}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
