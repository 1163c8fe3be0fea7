import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { Problem } from '../api/client';
import { useI18n } from '../i18n/I18n';
import type { MessageKey } from '../i18n/messages';
import { useMe } from '../api/hooks';
import { ErrorMessage, Loading, PageTitle } from '../ui/States';
import { MAX_ATTACHMENT_BYTES } from '../ui/UploadForm';
import {
  isManager,
  openCase,
  PRIORITIES,
  uploadAttachment,
  useOnBehalfOf,
  type CaseDetail,
  type Priority,
} from './api';

export interface CaseForm {
  subject: string;
  shortDescription: string;
  description: string;
  product: string;
  priority: Priority;
  onBehalfOf: string;
}

export const EMPTY_CASE: CaseForm = {
  onBehalfOf: '',
  subject: '',
  shortDescription: '',
  description: '',
  product: '',
  priority: 'medium',
};
export { MAX_ATTACHMENT_BYTES };

/** The form's own checks (the service checks again): field -> message key. */
export function caseFormProblems(
  form: CaseForm,
  file: File | null,
  needsContact = false,
): Partial<Record<keyof CaseForm | 'file', MessageKey>> {
  const problems: Partial<Record<keyof CaseForm | 'file', MessageKey>> = {};
  if (needsContact && !form.onBehalfOf) problems.onBehalfOf = 'case.required';
  if (!form.subject.trim()) problems.subject = 'case.required';
  else if (form.subject.length > 300) problems.subject = 'newCase.tooLong';
  if (!form.shortDescription.trim()) problems.shortDescription = 'case.required';
  else if (form.shortDescription.length > 500) problems.shortDescription = 'newCase.tooLong';
  if (form.description.length > 20000) problems.description = 'newCase.tooLong';
  if (form.product.length > 100) problems.product = 'newCase.tooLong';
  if (file && file.size > MAX_ATTACHMENT_BYTES) problems.file = 'newCase.fileTooLarge';
  return problems;
}

export function NewCasePage() {
  const { accountId = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form, setForm] = useState<CaseForm>(EMPTY_CASE);
  const [file, setFile] = useState<File | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [opened, setOpened] = useState<CaseDetail | null>(null);
  const me = useMe();
  const manager = isManager(me.data?.roles ?? []);
  const onBehalf = useOnBehalfOf(accountId, manager);
  const problems = caseFormProblems(form, file, manager);
  const save = useMutation({
    mutationFn: async () => {
      const created =
        opened ??
        (await openCase(accountId, {
          subject: form.subject.trim(),
          shortDescription: form.shortDescription.trim(),
          description: form.description.trim() || undefined,
          product: form.product.trim() || undefined,
          priority: form.priority,
          onBehalfOf: manager ? form.onBehalfOf : undefined,
        }));
      setOpened(created);
      if (file) await uploadAttachment(accountId, created.number, file);
      return created;
    },
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: ['account', accountId] });
      void navigate(`/accounts/${accountId}/cases/${created.number}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length === 0 && !save.isPending) save.mutate();
  };
  const set = (name: keyof CaseForm) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [name]: e.target.value }));
  const fieldProps = (name: keyof CaseForm | 'file') => {
    const problem = submitted ? problems[name] : undefined;
    return {
      id: `new-case-${name}`,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? `new-case-${name}-error` : undefined,
    };
  };
  const error = (name: keyof CaseForm | 'file') => {
    const problem = submitted ? problems[name] : undefined;
    return problem ? (
      <p id={`new-case-${name}-error`} className="field-error">
        {t(problem)}
      </p>
    ) : null;
  };
  if (me.isPending || (manager && onBehalf.isPending)) return <Loading />;
  if (manager && onBehalf.isError)
    return <ErrorMessage error={onBehalf.error} onRetry={() => void onBehalf.refetch()} />;
  if (manager && !onBehalf.data?.allowed) {
    return (
      <>
        <PageTitle>{t('newCase.title')}</PageTitle>
        <p className="state empty">{t('newCase.managersMayNot')}</p>
        <Link to={`/accounts/${accountId}/cases`}>{t('case.back')}</Link>
      </>
    );
  }
  return (
    <>
      <PageTitle>{manager ? t('cases.newOnBehalf') : t('newCase.title')}</PageTitle>
      <form className="stack narrow" onSubmit={submit} noValidate>
        {manager && (
          <div className="field">
            <label htmlFor="new-case-onBehalfOf">{t('newCase.onBehalfOf')}</label>
            <select {...fieldProps('onBehalfOf')} value={form.onBehalfOf} onChange={set('onBehalfOf')} required>
              <option value="">{t('newCase.chooseContact')}</option>
              {(onBehalf.data?.contacts ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {error('onBehalfOf')}
          </div>
        )}
        <div className="field">
          <label htmlFor="new-case-subject">{t('cases.subject')}</label>
          <input {...fieldProps('subject')} value={form.subject} onChange={set('subject')} maxLength={300} required />
          {error('subject')}
        </div>
        <div className="field">
          <label htmlFor="new-case-shortDescription">{t('newCase.shortDescription')}</label>
          <input
            {...fieldProps('shortDescription')}
            value={form.shortDescription}
            onChange={set('shortDescription')}
            maxLength={500}
            required
          />
          {error('shortDescription')}
        </div>
        <div className="field">
          <label htmlFor="new-case-description">{t('newCase.description')}</label>
          <textarea
            {...fieldProps('description')}
            rows={6}
            value={form.description}
            onChange={set('description')}
            maxLength={20000}
          />
          {error('description')}
        </div>
        <div className="field">
          <label htmlFor="new-case-product">{t('case.product')}</label>
          <input {...fieldProps('product')} value={form.product} onChange={set('product')} maxLength={100} />
          {error('product')}
        </div>
        <div className="field">
          <label htmlFor="new-case-priority">{t('cases.priority')}</label>
          <select {...fieldProps('priority')} value={form.priority} onChange={set('priority')}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-case-file">{t('newCase.attachment')}</label>
          <p id="new-case-file-hint" className="hint">
            {t('case.attachHint')}
          </p>
          <input
            {...fieldProps('file')}
            aria-describedby={
              submitted && problems.file ? 'new-case-file-hint new-case-file-error' : 'new-case-file-hint'
            }
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,.gif,.txt,.log,.csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {error('file')}
        </div>
        {submitted && Object.keys(problems).length > 0 && (
          <p className="field-error" role="alert">
            {t('newCase.check')}
          </p>
        )}
        {save.isError && (
          <>
            <ErrorMessage error={save.error} />
            {opened && save.error instanceof Problem && (
              <p>
                {t('newCase.openedWithoutFile', { number: opened.number })}{' '}
                <Link to={`/accounts/${accountId}/cases/${opened.number}`}>{t('newCase.goToCase')}</Link>
              </p>
            )}
          </>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t('newCase.opening') : t('newCase.open')}
          </button>
          <Link to={`/accounts/${accountId}/cases`}>{t('card.cancel')}</Link>
        </div>
      </form>
    </>
  );
}
