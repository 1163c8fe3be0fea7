import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Problem } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, Loading, PageError, PageTitle } from '../ui/States';
import { knowledgeKey, saveArticle, useKnowledgeArticle, type ArticleInput, type KnowledgeArticle } from './api';

/** The form's own checks (the service checks again): what is missing or too long. */
export function articleProblems(
  a: ArticleInput,
): Partial<Record<'title' | 'body' | 'product', 'required' | 'tooLong'>> {
  const problems: Partial<Record<'title' | 'body' | 'product', 'required' | 'tooLong'>> = {};
  if (!a.title.trim()) problems.title = 'required';
  else if (a.title.length > 300) problems.title = 'tooLong';
  if (!a.body.trim()) problems.body = 'required';
  else if (a.body.length > 50000) problems.body = 'tooLong';
  if ((a.product ?? '').length > 100) problems.product = 'tooLong';
  return problems;
}

/** Agents write a new knowledge article or change one (title, body, product, published). */
export function ArticleEditorPage() {
  const { articleId } = useParams();
  const article = useKnowledgeArticle(articleId);
  if (articleId && article.isPending) return <Loading />;
  if (article.isError) return <PageError error={article.error} onRetry={() => void article.refetch()} />;
  return <ArticleForm article={article.data} key={article.data?.id ?? 'new'} />;
}

function ArticleForm({ article }: { article: KnowledgeArticle | undefined }) {
  const { accountId = '' } = useParams();
  const { t } = useI18n();
  const ids = useId();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [problems, setProblems] = useState<ReturnType<typeof articleProblems>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const back = `/accounts/${accountId}/knowledge`;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input: ArticleInput = {
      title: String(form.get('title') ?? '').trim(),
      body: String(form.get('body') ?? ''),
      product: String(form.get('product') ?? '').trim() || null,
      published: form.get('published') === 'on',
    };
    const found = articleProblems(input);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await saveArticle(article?.id, input);
      await client.invalidateQueries({ queryKey: knowledgeKey });
      void navigate(back);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const serverField = error instanceof Problem ? error.field : undefined;
  const field = (name: 'title' | 'body' | 'product') => {
    const problem = problems[name];
    return {
      id: `${ids}-${name}`,
      name,
      'aria-invalid': problem || serverField === name ? true : undefined,
      'aria-describedby': problem ? `${ids}-${name}-error` : undefined,
    };
  };
  const fieldError = (name: 'title' | 'body' | 'product') =>
    problems[name] ? (
      <p id={`${ids}-${name}-error`} className="field-error">
        {problems[name] === 'required' ? t('case.required') : t('newCase.tooLong')}
      </p>
    ) : null;
  return (
    <>
      <PageTitle>{article ? t('knowledge.editTitle', { title: article.title }) : t('knowledge.newTitle')}</PageTitle>
      <p>
        <Link to={back}>{t('knowledge.back')}</Link>
      </p>
      <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
        {error !== null && <ErrorMessage error={error} />}
        <label htmlFor={`${ids}-title`}>{t('knowledge.articleTitle')}</label>
        <input {...field('title')} maxLength={300} defaultValue={article?.title ?? ''} />
        {fieldError('title')}
        <label htmlFor={`${ids}-body`}>{t('knowledge.body')}</label>
        <textarea {...field('body')} rows={10} maxLength={50000} defaultValue={article?.body ?? ''} />
        {fieldError('body')}
        <label htmlFor={`${ids}-product`}>{t('success.product')}</label>
        <input {...field('product')} maxLength={100} defaultValue={article?.product ?? ''} />
        {fieldError('product')}
        <label>
          <input type="checkbox" name="published" defaultChecked={article?.published ?? false} />{' '}
          {t('knowledge.publish')}
        </label>
        <p className="hint">{t('knowledge.publishHint')}</p>
        <button type="submit" className="primary" disabled={busy}>
          {t('success.save')}
        </button>
      </form>
    </>
  );
}
