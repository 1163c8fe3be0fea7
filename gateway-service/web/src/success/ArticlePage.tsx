import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { get } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Loading, NotFound, PageError, PageTitle } from '../ui/States';
import { isKind } from './api';

interface Article {
  id: string;
  title: string;
  body: string;
  product: string | null;
}

/** A knowledge article shared on a record: readable by whoever may see that record (published ones for customers). */
export function ArticlePage() {
  const { accountId = '', kind, number = '', articleId = '' } = useParams();
  const { t } = useI18n();
  const article = useQuery({
    queryKey: ['account', accountId, 'success', kind, 'record', number, 'article', articleId],
    queryFn: ({ signal }) =>
      get<Article>(
        `/api/accounts/${accountId}/success/${kind}/${encodeURIComponent(number)}/articles/${articleId}`,
        signal,
      ),
    enabled: isKind(kind),
    retry: false,
  });
  if (!isKind(kind)) return <NotFound />;
  if (article.isPending) return <Loading />;
  if (article.isError) return <PageError error={article.error} />;
  return (
    <>
      <PageTitle>{article.data.title}</PageTitle>
      <p>
        <Link to={`/accounts/${accountId}/success/${kind}/${number}`}>{t('success.backToRecord', { number })}</Link>
      </p>
      <article className="card">
        {article.data.product && <p className="muted">{article.data.product}</p>}
        <p className="multiline">{article.data.body}</p>
      </article>
    </>
  );
}
