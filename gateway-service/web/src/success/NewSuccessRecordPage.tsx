import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Problem } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, NotFound, PageTitle } from '../ui/States';
import { checkedContacts, createRecord, isKind, TOUCHPOINT_TYPES, type Kind } from './api';
import { ContactPicker } from './ContactPicker';
import { kindKey } from './labels';

/** Agents create an initiative, success case, task or touchpoint; case-service refuses anyone else. */
export function NewSuccessRecordPage() {
  const { accountId = '', kind } = useParams();
  if (!isKind(kind)) return <NotFound />;
  return <NewRecordForm accountId={accountId} kind={kind} />;
}

function NewRecordForm({ accountId, kind }: { accountId: string; kind: Kind }) {
  const { t } = useI18n();
  const ids = useId();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const needsParent = kind === 'tasks' || kind === 'touchpoints';
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    if (!text('subject') || (needsParent && !text('parent'))) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      const created = await createRecord(accountId, kind, {
        parentNumber: text('parent') || null,
        subject: text('subject'),
        shortDescription: text('shortDescription') || undefined,
        description: text('description') || undefined,
        product: text('product') || undefined,
        dueDate: text('dueDate') || null,
        touchpointType: kind === 'touchpoints' ? text('touchpointType') : null,
        attendees:
          kind === 'touchpoints'
            ? text('attendees')
                .split(',')
                .map((a) => a.trim())
                .filter(Boolean)
            : [],
        visibleToCustomer: form.get('visible') === 'on',
        contactIds: checkedContacts(form),
      });
      void navigate(`/accounts/${accountId}/success/${kind}/${created.number}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = error instanceof Problem ? error.field : undefined;
  return (
    <>
      <PageTitle>{t('success.newTitle', { kind: t(kindKey(kind)) })}</PageTitle>
      <p>
        <Link to={`/accounts/${accountId}/success`}>{t('success.backToLists')}</Link>
      </p>
      <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
        {missing && (
          <p className="state error" role="alert">
            {t('success.check')}
          </p>
        )}
        {error !== null && <ErrorMessage error={error} />}
        {(needsParent || kind === 'cases') && (
          <>
            <label htmlFor={`${ids}-parent`}>{t('success.parent')}</label>
            <input
              id={`${ids}-parent`}
              name="parent"
              defaultValue={params.get('parent') ?? ''}
              aria-invalid={fieldError === 'parentNumber' || (missing && needsParent) || undefined}
            />
          </>
        )}
        <label htmlFor={`${ids}-subject`}>{t('success.field.subject')}</label>
        <input
          id={`${ids}-subject`}
          name="subject"
          maxLength={300}
          aria-invalid={missing || fieldError === 'subject' || undefined}
        />
        <label htmlFor={`${ids}-short`}>
          {kind === 'touchpoints' ? t('success.summary') : t('success.shortDescription')}
        </label>
        <input id={`${ids}-short`} name="shortDescription" maxLength={500} />
        <label htmlFor={`${ids}-description`}>{t('success.description')}</label>
        <textarea id={`${ids}-description`} name="description" rows={4} maxLength={20000} />
        <label htmlFor={`${ids}-product`}>{t('success.product')}</label>
        <input id={`${ids}-product`} name="product" maxLength={100} />
        <label htmlFor={`${ids}-due`}>{kind === 'touchpoints' ? t('success.date') : t('success.field.dueDate')}</label>
        <input id={`${ids}-due`} name="dueDate" type="date" />
        {kind === 'touchpoints' && (
          <>
            <label htmlFor={`${ids}-type`}>{t('success.touchpointType')}</label>
            <select id={`${ids}-type`} name="touchpointType" defaultValue="meeting">
              {TOUCHPOINT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
            <label htmlFor={`${ids}-attendees`}>{t('success.attendees')}</label>
            <input id={`${ids}-attendees`} name="attendees" />
          </>
        )}
        <label>
          <input type="checkbox" name="visible" /> {t('success.visibleToCustomer')}
        </label>
        <ContactPicker accountId={accountId} selected={[]} />
        <button type="submit" className="primary" disabled={busy}>
          {t('success.create')}
        </button>
      </form>
    </>
  );
}
