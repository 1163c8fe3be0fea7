import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useHeader } from '../api/hooks';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, Loading, NotFound, PageError, PageTitle } from '../ui/States';
import { changeRecord, isKind, KIND_PATH, recordKey, useSuccessRecord, type Kind, type SuccessDetail } from './api';
import { fieldKey, kindKey, stateKey } from './labels';
import { AgentPanel } from './AgentPanel';
import { AttachmentForm } from './AttachmentForm';

/** A record's detail: the admin-chosen header, instructions, product, shared articles, children, activity; agents work it. */
export function SuccessRecordPage() {
  const { accountId = '', kind, number = '' } = useParams();
  if (!isKind(kind)) return <NotFound />;
  return <SuccessRecord accountId={accountId} kind={kind} number={number} />;
}

function SuccessRecord({ accountId, kind, number }: { accountId: string; kind: Kind; number: string }) {
  const { t, date, dateTime } = useI18n();
  const screen = useSuccessRecord(accountId, kind, number);
  const header = useHeader(accountId);
  const ids = useId();
  if (screen.isPending) return <Loading />;
  if (screen.isError) return <PageError error={screen.error} onRetry={() => void screen.refetch()} />;
  const { detail: d, permissions } = screen.data;
  const value = (field: string): ReactNode => {
    switch (field) {
      case 'number':
        return d.number;
      case 'state':
        return <span className="badge">{t(stateKey(d.state))}</span>;
      case 'account':
        return header.data?.accountName ?? '';
      case 'subject':
        return d.subject;
      case 'dueDate':
        return date(d.dueDate);
      case 'daysRemaining':
        return d.daysRemaining ?? '';
      case 'product':
        return d.product ?? '';
      case 'assigneeName':
        return d.assigneeName ?? '';
      case 'parentNumber':
        return d.parentNumber ?? '';
      case 'updatedAt':
        return dateTime(d.updatedAt);
      default:
        return '';
    }
  };
  return (
    <>
      <PageTitle>
        {t('success.detailTitle', { kind: t(kindKey(kind)), number: d.number, subject: d.subject })}
      </PageTitle>
      <p>
        <Link to={`/accounts/${accountId}/success`}>{t('success.backToLists')}</Link>
      </p>
      <section className="card" aria-label={t('success.header')}>
        <dl className="facts" data-testid="success-header">
          {d.headerFields.map((f) => (
            <div key={f}>
              <dt>{t(fieldKey(f))}</dt>
              <dd data-field={f}>{value(f)}</dd>
            </div>
          ))}
        </dl>
        {permissions.work && (
          <p className="muted" data-testid="visibility">
            {d.visibleToCustomer ? t('success.visibleTo', { count: d.contactIds.length }) : t('success.hidden')}
          </p>
        )}
      </section>
      <section className="card" aria-labelledby={`${ids}-instructions`}>
        <h2 id={`${ids}-instructions`}>{t('success.instructions')}</h2>
        {d.shortDescription && <p>{d.shortDescription}</p>}
        {d.description && <p className="multiline">{d.description}</p>}
        {kind === 'touchpoints' && (
          <p>
            {t('success.touchpointAt', { type: d.touchpointType ?? '', date: date(d.dueDate) })}
            {d.attendees.length > 0 && ` – ${t('success.attendees')}: ${d.attendees.join(', ')}`}
          </p>
        )}
        <h3>{t('success.product')}</h3>
        <p>{d.product || t('success.noProduct')}</p>
      </section>
      <section className="card" aria-labelledby={`${ids}-articles`}>
        <h2 id={`${ids}-articles`}>{t('success.articles')}</h2>
        {d.articles.length === 0 ? (
          <p className="state empty">{t('success.noArticles')}</p>
        ) : (
          <ul>
            {d.articles.map((a) => (
              <li key={a.id}>
                <Link to={`/accounts/${accountId}/success/${kind}/${d.number}/articles/${a.id}`}>{a.title}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Children accountId={accountId} kind={kind} detail={d} work={permissions.work} />
      <section className="card" aria-labelledby={`${ids}-activity`}>
        <h2 id={`${ids}-activity`}>{t('success.activity')}</h2>
        {d.activity.length === 0 ? (
          <p className="state empty">{t('success.noActivity')}</p>
        ) : (
          <ol className="activity">
            {[...d.activity].reverse().map((a) => (
              <li key={a.id} data-kind={a.kind}>
                <p className="muted">
                  {a.actorName} · {dateTime(a.at)}
                  {a.kind === 'internal_note' && ` · ${t('success.internalNoteLabel')}`}
                </p>
                {a.kind === 'state_change' && (
                  <p>
                    {t('success.stateChanged', {
                      from: t(stateKey(a.fromState ?? '')),
                      to: t(stateKey(a.toState ?? '')),
                    })}
                  </p>
                )}
                {a.text && <p className="multiline">{a.text}</p>}
                {a.kind === 'attachment' && a.attachmentId && (
                  <a
                    href={`/api/accounts/${accountId}/success/${kind}/${d.number}/attachments/${a.attachmentId}`}
                    download
                  >
                    {t('success.download', { name: a.fileName ?? '' })}
                  </a>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {permissions.comment && <CommentForm accountId={accountId} kind={kind} number={d.number} />}
      {permissions.comment && <AttachmentForm accountId={accountId} kind={kind} number={d.number} />}
      {permissions.work && <AgentPanel accountId={accountId} kind={kind} detail={d} />}
    </>
  );
}

function Children({
  accountId,
  kind,
  detail,
  work,
}: {
  accountId: string;
  kind: Kind;
  detail: SuccessDetail;
  work: boolean;
}) {
  const { t, date } = useI18n();
  const ids = useId();
  if (kind === 'tasks' || kind === 'touchpoints') return null;
  return (
    <section className="card" aria-labelledby={`${ids}-children`}>
      <div className="card-head">
        <h2 id={`${ids}-children`}>
          {kind === 'cases' ? t('success.tasksAndTouchpoints') : t('success.casesAndTouchpoints')}
        </h2>
        {work && (
          <div className="card-actions">
            <Link
              className="button"
              to={`/accounts/${accountId}/success/${kind === 'cases' ? 'tasks' : 'cases'}/new?parent=${detail.number}`}
            >
              {kind === 'cases' ? t('success.newTask') : t('success.newCase')}
            </Link>
            <Link className="button" to={`/accounts/${accountId}/success/touchpoints/new?parent=${detail.number}`}>
              {t('success.newTouchpoint')}
            </Link>
          </div>
        )}
      </div>
      {detail.children.length === 0 ? (
        <p className="state empty">{t('success.none')}</p>
      ) : (
        <ul>
          {detail.children.map((c) => (
            <li key={c.number}>
              <Link to={`/accounts/${accountId}/success/${KIND_PATH[c.kind] ?? 'cases'}/${c.number}`}>{c.number}</Link>{' '}
              {c.subject} · {t(stateKey(c.state))}
              {c.dueDate && ` · ${date(c.dueDate)}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CommentForm({ accountId, kind, number }: { accountId: string; kind: Kind; number: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const ids = useId();
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const text = String(new FormData(formEl).get('comment') ?? '').trim();
    if (!text) return;
    setDone(false);
    setError(null);
    try {
      await changeRecord(accountId, kind, number, 'POST', 'comments', { text });
      await client.invalidateQueries({ queryKey: recordKey(accountId, kind, number) });
      formEl.reset();
      setDone(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" aria-labelledby={`${ids}-comment`}>
      <h2 id={`${ids}-comment`}>{t('success.addComment')}</h2>
      {done && (
        <p className="state ok" role="status">
          {t('success.commented')}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label htmlFor={`${ids}-text`}>{t('success.comment')}</label>
        <textarea id={`${ids}-text`} name="comment" rows={3} maxLength={20000} />
        <button type="submit">{t('success.sendComment')}</button>
      </form>
    </section>
  );
}
