import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Problem, request } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, Loading, NotFound, PageError, PageTitle } from '../ui/States';
import { isKind, recordKey, TOUCHPOINT_TYPES, useSuccessRecord, type Kind, type SuccessDetail } from './api';
import { kindKey } from './labels';

/** Agents edit a record's fields (subject, descriptions, product, date, touchpoint type and attendees). */
export function EditSuccessRecordPage() {
  const { accountId = '', kind, number = '' } = useParams();
  if (!isKind(kind)) return <NotFound />;
  return <EditRecord accountId={accountId} kind={kind} number={number} />;
}

function EditRecord({ accountId, kind, number }: { accountId: string; kind: Kind; number: string }) {
  const screen = useSuccessRecord(accountId, kind, number);
  if (screen.isPending) return <Loading />;
  if (screen.isError) return <PageError error={screen.error} onRetry={() => void screen.refetch()} />;
  return <EditForm accountId={accountId} kind={kind} detail={screen.data.detail} />;
}

function EditForm({ accountId, kind, detail }: { accountId: string; kind: Kind; detail: SuccessDetail }) {
  const { t } = useI18n();
  const ids = useId();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const back = `/accounts/${accountId}/success/${kind}/${detail.number}`;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    if (!text('subject')) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setError(null);
    try {
      await request('PUT', `/api/accounts/${accountId}/success/${kind}/${detail.number}`, {
        body: {
          subject: text('subject'),
          shortDescription: text('shortDescription') || null,
          description: text('description') || null,
          product: text('product') || null,
          dueDate: text('dueDate') || null,
          touchpointType: kind === 'touchpoints' ? text('touchpointType') : null,
          attendees:
            kind === 'touchpoints'
              ? text('attendees')
                  .split(',')
                  .map((a) => a.trim())
                  .filter(Boolean)
              : [],
        },
      });
      await client.invalidateQueries({ queryKey: recordKey(accountId, kind, detail.number) });
      await client.invalidateQueries({ queryKey: ['account', accountId, 'success'] });
      void navigate(back);
    } catch (err) {
      setError(err);
    }
  };
  const fieldError = error instanceof Problem ? error.field : undefined;
  return (
    <>
      <PageTitle>{t('success.editTitle', { kind: t(kindKey(kind)), number: detail.number })}</PageTitle>
      <p>
        <Link to={back}>{t('success.backToRecord', { number: detail.number })}</Link>
      </p>
      <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
        {missing && (
          <p className="state error" role="alert">
            {t('success.check')}
          </p>
        )}
        {error !== null && <ErrorMessage error={error} />}
        <label htmlFor={`${ids}-subject`}>{t('success.field.subject')}</label>
        <input
          id={`${ids}-subject`}
          name="subject"
          maxLength={300}
          defaultValue={detail.subject}
          aria-invalid={missing || fieldError === 'subject' || undefined}
        />
        <label htmlFor={`${ids}-short`}>
          {kind === 'touchpoints' ? t('success.summary') : t('success.shortDescription')}
        </label>
        <input
          id={`${ids}-short`}
          name="shortDescription"
          maxLength={500}
          defaultValue={detail.shortDescription ?? ''}
        />
        <label htmlFor={`${ids}-description`}>{t('success.description')}</label>
        <textarea
          id={`${ids}-description`}
          name="description"
          rows={4}
          maxLength={20000}
          defaultValue={detail.description ?? ''}
        />
        <label htmlFor={`${ids}-product`}>{t('success.product')}</label>
        <input id={`${ids}-product`} name="product" maxLength={100} defaultValue={detail.product ?? ''} />
        <label htmlFor={`${ids}-due`}>{kind === 'touchpoints' ? t('success.date') : t('success.field.dueDate')}</label>
        <input id={`${ids}-due`} name="dueDate" type="date" defaultValue={detail.dueDate ?? ''} />
        {kind === 'touchpoints' && (
          <>
            <label htmlFor={`${ids}-type`}>{t('success.touchpointType')}</label>
            <select id={`${ids}-type`} name="touchpointType" defaultValue={detail.touchpointType ?? 'meeting'}>
              {TOUCHPOINT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
            <label htmlFor={`${ids}-attendees`}>{t('success.attendees')}</label>
            <input id={`${ids}-attendees`} name="attendees" defaultValue={detail.attendees.join(', ')} />
          </>
        )}
        <button type="submit" className="primary">
          {t('success.save')}
        </button>
      </form>
    </>
  );
}
