import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Problem, request } from '../../api/client';
import type { AccountFieldType } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage, PageError, PageTitle } from '../../ui/States';
import { accountFieldKeys, useAccountFieldDefinitions, type AccountFieldDefinition } from '../api';
import { definitionProblems, FIELD_TYPES, optionList, type DefinitionForm } from './accountFieldForm';
import { AdminTable } from '../AdminTable';

const EMPTY: DefinitionForm = { name: '', label: '', type: 'text', options: '', required: false };

/** Account fields: the fields admins add to every account (text, number, date, pick-list); add and delete. */
export function AccountFieldsPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const definitions = useAccountFieldDefinitions();
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<AccountFieldDefinition | null>(null);
  const remove = useMutation({
    mutationFn: (d: AccountFieldDefinition) => request('DELETE', `/api/admin/account-fields/${d.id}`),
    onSuccess: (_, d) => {
      setNotice(t('accountFields.deleted', { label: d.label }));
      setDeleting(null);
    },
    onError: () => setDeleting(null),
    onSettled: () => void client.invalidateQueries({ queryKey: accountFieldKeys.definitions }),
  });
  if (definitions.error instanceof Problem && definitions.error.status === 403) {
    return <PageError error={definitions.error} />;
  }
  const rows = definitions.data ?? [];
  return (
    <>
      <p className="crumbs">
        <Link to="/admin/accounts">{t('adminAccounts.title')}</Link>
      </p>
      <PageTitle>{t('accountFields.title')}</PageTitle>
      <p>{t('accountFields.intro')}</p>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {remove.isError && <ErrorMessage error={remove.error} />}
      <AdminTable
        items={definitions.data}
        pending={definitions.isPending}
        error={definitions.isError ? definitions.error : null}
        onRetry={() => void definitions.refetch()}
        label={t('accountFields.title')}
        testId="account-fields"
        empty={t('accountFields.none')}
        head={
          <>
            <th scope="col">{t('accountFields.label')}</th>
            <th scope="col">{t('accountFields.name')}</th>
            <th scope="col">{t('accountFields.type')}</th>
            <th scope="col">{t('accountFields.options')}</th>
            <th scope="col">{t('accountFields.required')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('users.actions')}</span>
            </th>
          </>
        }
        row={(d) => (
          <tr key={d.id}>
            <th scope="row">{d.label}</th>
            <td>{d.name}</td>
            <td>{t(`accountFields.type.${d.type}`)}</td>
            <td>{d.options.join(', ') || '–'}</td>
            <td>{d.required ? t('accountFields.yes') : t('accountFields.no')}</td>
            <td>
              <button
                type="button"
                className="danger"
                onClick={() => setDeleting(d)}
                aria-label={t('accountFields.deleteOne', { label: d.label })}
              >
                {t('accountFields.delete')}
              </button>
            </td>
          </tr>
        )}
      />
      <NewField
        existing={rows}
        onAdded={(label) => {
          setNotice(t('accountFields.added', { label }));
          void client.invalidateQueries({ queryKey: accountFieldKeys.definitions });
        }}
      />
      {deleting && (
        <Dialog title={t('accountFields.confirmTitle', { label: deleting.label })} onClose={() => setDeleting(null)}>
          <p>{t('accountFields.confirmText')}</p>
          <div className="actions">
            <button type="button" data-close data-autofocus onClick={() => setDeleting(null)}>
              {t('admin.cancel')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(deleting)}
            >
              {t('accountFields.delete')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}

function NewField({ existing, onAdded }: { existing: AccountFieldDefinition[]; onAdded: (label: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [form, setForm] = useState<DefinitionForm>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<keyof DefinitionForm, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const found = definitionProblems(form, existing);
    const messages = Object.fromEntries(
      Object.entries(found).map(([f, p]) => [f, t(`accountFields.problem.${p}` as MessageKey)]),
    ) as Partial<Record<keyof DefinitionForm, string>>;
    setProblems(messages);
    const firstWrong = (['name', 'label', 'options'] as const).find((f) => messages[f]);
    if (firstWrong) {
      document.getElementById(`${id}-${firstWrong}`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await request('POST', '/api/admin/account-fields', {
        body: {
          name: form.name.trim(),
          label: form.label.trim(),
          type: form.type,
          options: form.type === 'picklist' ? optionList(form.options) : [],
          required: form.required,
        },
      });
      onAdded(form.label.trim());
      setForm(EMPTY);
    } catch (err) {
      if (err instanceof Problem && err.field && err.field in EMPTY) {
        setProblems({ [err.field]: err.message });
      } else {
        setFailure(err);
      }
    } finally {
      setBusy(false);
    }
  };
  const invalid = (f: keyof DefinitionForm) => ({
    'aria-invalid': problems[f] ? true : undefined,
    'aria-describedby': problems[f] ? `${id}-${f}-error` : undefined,
  });
  const error = (f: keyof DefinitionForm) =>
    problems[f] && (
      <span id={`${id}-${f}-error`} className="field-error">
        {problems[f]}
      </span>
    );
  return (
    <form className="stack narrow card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('accountFields.new')}</h2>
      <div className="field">
        <label htmlFor={`${id}-label`}>{t('accountFields.label')}</label>
        <input
          id={`${id}-label`}
          value={form.label}
          maxLength={100}
          required
          onChange={(e) => setForm((v) => ({ ...v, label: e.target.value }))}
          {...invalid('label')}
        />
        {error('label')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('accountFields.name')}</label>
        <input
          id={`${id}-name`}
          value={form.name}
          maxLength={40}
          required
          placeholder="industry"
          onChange={(e) => setForm((v) => ({ ...v, name: e.target.value }))}
          {...invalid('name')}
        />
        {error('name')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('accountFields.type')}</label>
        <select
          id={`${id}-type`}
          value={form.type}
          onChange={(e) => setForm((v) => ({ ...v, type: e.target.value as AccountFieldType }))}
        >
          {FIELD_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`accountFields.type.${type}`)}
            </option>
          ))}
        </select>
      </div>
      {form.type === 'picklist' && (
        <div className="field">
          <label htmlFor={`${id}-options`}>{t('accountFields.optionsInput')}</label>
          <textarea
            id={`${id}-options`}
            value={form.options}
            rows={4}
            onChange={(e) => setForm((v) => ({ ...v, options: e.target.value }))}
            {...invalid('options')}
          />
          {error('options')}
        </div>
      )}
      <label className="check" htmlFor={`${id}-required`}>
        <input
          id={`${id}-required`}
          type="checkbox"
          checked={form.required}
          onChange={(e) => setForm((v) => ({ ...v, required: e.target.checked }))}
        />
        {t('accountFields.requiredInput')}
      </label>
      {failure !== null && <ErrorMessage error={failure} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('accountFields.add')}
        </button>
      </div>
    </form>
  );
}
