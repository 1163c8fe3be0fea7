import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { get, Problem, request } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { ErrorMessage, Loading, PageError, PageTitle } from '../../ui/States';
import { adminKeys, type Manager } from '../api';
import {
  EDIT_FIELDS,
  managerBody,
  managerProblems,
  NEW_FIELDS,
  type ManagerField,
  type ManagerFields,
} from './managerForm';

const EMPTY: ManagerFields = {
  name: '',
  employeeId: '',
  primaryEmail: '',
  phone: '',
  mobile: '',
  loginName: '',
  password: '',
  retypePassword: '',
};

const INPUT: Record<ManagerField, { type: string; autoComplete: string }> = {
  name: { type: 'text', autoComplete: 'off' },
  employeeId: { type: 'text', autoComplete: 'off' },
  primaryEmail: { type: 'email', autoComplete: 'off' },
  phone: { type: 'tel', autoComplete: 'off' },
  mobile: { type: 'tel', autoComplete: 'off' },
  loginName: { type: 'text', autoComplete: 'off' },
  password: { type: 'password', autoComplete: 'new-password' },
  retypePassword: { type: 'password', autoComplete: 'new-password' },
};
const REQUIRED: ManagerField[] = ['name', 'employeeId', 'primaryEmail', 'loginName', 'password', 'retypePassword'];

/** New (Save, and Save and Add New) or Edit of one account manager. */
export function ManagerFormPage() {
  const { managerId } = useParams();
  const isNew = !managerId || managerId === 'new';
  const existing = useQuery({
    queryKey: [...adminKeys.managers, managerId],
    queryFn: ({ signal }) => get<Manager>(`/api/admin/account-managers/${managerId}`, signal),
    enabled: !isNew,
  });
  if (!isNew && existing.isPending) return <Loading />;
  if (!isNew && existing.isError) return <PageError error={existing.error} onRetry={() => void existing.refetch()} />;
  const m = existing.data;
  const initial: ManagerFields = m
    ? {
        ...EMPTY,
        name: m.name,
        employeeId: m.employeeId,
        primaryEmail: m.primaryEmail,
        phone: m.phone ?? '',
        mobile: m.mobile ?? '',
      }
    : EMPTY;
  return <ManagerForm key={managerId ?? 'new'} isNew={isNew} initial={initial} manager={m} />;
}

function ManagerForm({ isNew, initial, manager }: { isNew: boolean; initial: ManagerFields; manager?: Manager }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const id = useId();
  const first = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState<ManagerFields>(initial);
  const [problems, setProblems] = useState<Partial<Record<ManagerField, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = isNew ? NEW_FIELDS : EDIT_FIELDS;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const addNext = (e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'next';
    const found = managerProblems(values, isNew);
    const messages = Object.fromEntries(
      Object.entries(found).map(([f, p]) => [f, t(`managers.problem.${p}` as MessageKey)]),
    ) as Partial<Record<ManagerField, string>>;
    setProblems(messages);
    setFailure(null);
    const firstWrong = fields.find((f) => messages[f]);
    if (firstWrong) {
      document.getElementById(`${id}-${firstWrong}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const body = managerBody(values, isNew);
      if (isNew) await request('POST', '/api/admin/account-managers', { body });
      else await request('PUT', `/api/admin/account-managers/${manager?.id}`, { body });
      void client.invalidateQueries({ queryKey: adminKeys.managers });
      const notice = t('managers.saved', { name: values.name.trim() });
      if (addNext) {
        setValues(EMPTY);
        setSaved(notice);
        first.current?.focus();
      } else {
        navigate('/admin/account-managers', { state: { notice } });
      }
    } catch (err) {
      if (err instanceof Problem && err.field && fields.includes(err.field as ManagerField)) {
        setProblems({ [err.field]: err.message });
        document.getElementById(`${id}-${err.field}`)?.focus();
      } else {
        setFailure(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="crumbs">
        <Link to="/admin/account-managers">{t('managers.title')}</Link>
      </p>
      <PageTitle>{isNew ? t('managers.newTitle') : t('managers.editTitle', { name: manager?.name ?? '' })}</PageTitle>
      {saved && (
        <p role="status" className="notice">
          {saved}
        </p>
      )}
      <form className="stack narrow" onSubmit={(e) => void submit(e)} noValidate aria-label={t('managers.formLabel')}>
        {!isNew && manager && (
          <p>
            {t('managers.loginName')}: <strong>{manager.loginName}</strong>
          </p>
        )}
        {fields.map((f, i) => {
          const fieldId = `${id}-${f}`;
          return (
            <div className="field" key={f}>
              <label htmlFor={fieldId}>
                {t(`managers.${f}` as MessageKey)}
                {REQUIRED.includes(f) && <span aria-hidden="true"> *</span>}
              </label>
              <input
                id={fieldId}
                ref={i === 0 ? first : undefined}
                name={f}
                type={INPUT[f].type}
                autoComplete={INPUT[f].autoComplete}
                required={REQUIRED.includes(f)}
                value={values[f]}
                onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
                aria-invalid={problems[f] ? true : undefined}
                aria-describedby={problems[f] ? `${fieldId}-error` : undefined}
              />
              {problems[f] && (
                <span id={`${fieldId}-error`} className="field-error">
                  {problems[f]}
                </span>
              )}
            </div>
          );
        })}
        {failure !== null && <ErrorMessage error={failure} />}
        <div className="actions">
          <button type="submit" className="primary" value="list" disabled={busy}>
            {t('admin.save')}
          </button>
          {isNew && (
            <button type="submit" value="next" disabled={busy}>
              {t('managers.saveAndNew')}
            </button>
          )}
          <Link to="/admin/account-managers">{t('admin.cancel')}</Link>
        </div>
      </form>
    </>
  );
}
