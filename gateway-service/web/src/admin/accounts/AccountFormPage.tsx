import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { request } from '../../api/client';
import type { CustomerAccountRow } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { ErrorMessage, Loading, NotFound, PageTitle } from '../../ui/States';
import {
  accountFieldKeys,
  adminKeys,
  useAccountFieldDefinitions,
  useAccountFieldValues,
  useAccountNames,
  useManagers,
  type AccountFieldDefinition,
  type Manager,
} from '../api';
import { fieldValuesBody, valueProblem } from './accountFieldForm';
import {
  accountProblems,
  CURRENCIES,
  managerChanges,
  managerOf,
  saveProblemPlace,
  type AccountFields,
} from './accountForm';

/** Add an account (active), or edit one: name, number, and its Account Manager (one per account). */
export function AccountFormPage() {
  const { accountId } = useParams();
  const isNew = !accountId || accountId === 'new';
  const accounts = useAccountNames();
  const managers = useManagers();
  const definitions = useAccountFieldDefinitions();
  const values = useAccountFieldValues(isNew ? undefined : accountId);
  if (accounts.isPending || managers.isPending || definitions.isPending || (!isNew && values.isPending)) {
    return <Loading />;
  }
  if (accounts.isError || managers.isError || definitions.isError || values.isError) {
    return (
      <ErrorMessage
        error={accounts.error ?? managers.error ?? definitions.error ?? values.error}
        onRetry={() => {
          void accounts.refetch();
          void definitions.refetch();
          if (!isNew) void values.refetch();
        }}
      />
    );
  }
  const existing = isNew ? undefined : accounts.data.find((a) => a.accountId === accountId);
  if (!isNew && !existing) return <NotFound />;
  const current = Object.fromEntries((values.data ?? []).map((v) => [v.name, v.value ?? '']));
  return (
    <AccountForm
      key={accountId ?? 'new'}
      existing={existing}
      all={accounts.data}
      managers={managers.data}
      definitions={definitions.data}
      current={current}
    />
  );
}

function AccountForm({
  existing,
  all,
  managers,
  definitions,
  current,
}: {
  existing?: CustomerAccountRow;
  all: CustomerAccountRow[];
  managers: Manager[];
  definitions: AccountFieldDefinition[];
  current: Record<string, string>;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const id = useId();
  const [values, setValues] = useState<AccountFields>({
    name: existing?.name ?? '',
    number: existing?.accountNumber ?? '',
    currency: existing?.currency ?? 'USD',
  });
  const [managerId, setManagerId] = useState(existing ? (managerOf(managers, existing.accountId)?.id ?? '') : '');
  const [problems, setProblems] = useState<Partial<Record<keyof AccountFields, string>>>({});
  const [fieldValues, setFieldValues] = useState<Record<string, string>>(current);
  const [fieldProblems, setFieldProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const found = accountProblems(values, all, existing?.accountId ?? null);
    const messages = Object.fromEntries(
      Object.entries(found).map(([f, p]) => [f, t(`adminAccounts.problem.${p}` as MessageKey)]),
    ) as Partial<Record<keyof AccountFields, string>>;
    setProblems(messages);
    const wrongValues: Record<string, string> = {};
    for (const d of definitions) {
      const p = valueProblem(d, fieldValues[d.name]);
      if (p) wrongValues[d.name] = t(`accountFields.problem.${p}`, { options: d.options.join(', ') });
    }
    setFieldProblems(wrongValues);
    const firstWrong = (['name', 'number', 'currency'] as const).find((f) => messages[f]);
    if (firstWrong) {
      document.getElementById(`${id}-${firstWrong}`)?.focus();
      return;
    }
    const firstWrongValue = definitions.find((d) => wrongValues[d.name]);
    if (firstWrongValue) {
      document.getElementById(`${id}-field-${firstWrongValue.name}`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const accountId = existing?.accountId ?? crypto.randomUUID();
    try {
      await request('PUT', `/api/admin/accounts/${accountId}`, {
        body: {
          number: values.number.trim(),
          name: values.name.trim(),
          currency: values.currency,
          status: existing?.status === 'inactive' ? 'inactive' : 'active',
          fields: fieldValuesBody(definitions, fieldValues),
        },
      });
      void client.invalidateQueries({ queryKey: accountFieldKeys.values(accountId) });
      for (const change of managerChanges(managers, accountId, managerId)) {
        await request('PUT', `/api/admin/account-managers/${change.managerId}/accounts`, {
          body: { accountIds: change.accountIds },
        });
      }
      void client.invalidateQueries({ queryKey: adminKeys.managers });
      setTimeout(() => void client.invalidateQueries({ queryKey: ['admin', 'account-names'] }), 1500);
      navigate('/admin/accounts', { state: { notice: t('adminAccounts.saved', { name: values.name.trim() }) } });
    } catch (err) {
      setBusy(false);
      // billing names the input it refuses (a taken name or number, fields.<name>): show it there
      const place = saveProblemPlace(
        err,
        definitions.map((d) => d.name),
      );
      if (place.at === 'field') {
        setProblems({
          [place.field]: place.problem ? t(`adminAccounts.problem.${place.problem}` as MessageKey) : place.message,
        });
        document.getElementById(`${id}-${place.field}`)?.focus();
        // the names listed for the quick check were behind: take them again
        if (place.problem === 'nameTaken') void client.invalidateQueries({ queryKey: ['admin', 'account-names'] });
      } else if (place.at === 'accountField') {
        setFieldProblems({ [place.name]: place.message });
        document.getElementById(`${id}-field-${place.name}`)?.focus();
      } else {
        setFailure(err);
      }
    }
  };

  const field = (f: keyof AccountFields, label: MessageKey, input: ReactNode) => (
    <div className="field">
      <label htmlFor={`${id}-${f}`}>{t(label)}</label>
      {input}
      {problems[f] && (
        <span id={`${id}-${f}-error`} className="field-error">
          {problems[f]}
        </span>
      )}
    </div>
  );
  const invalid = (f: keyof AccountFields) => ({
    'aria-invalid': problems[f] ? true : undefined,
    'aria-describedby': problems[f] ? `${id}-${f}-error` : undefined,
  });
  return (
    <>
      <p className="crumbs">
        <Link to="/admin/accounts">{t('adminAccounts.title')}</Link>
      </p>
      <PageTitle>
        {existing ? t('adminAccounts.editTitle', { name: existing.name }) : t('adminAccounts.newTitle')}
      </PageTitle>
      <form
        className="stack narrow"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label={t('adminAccounts.formLabel')}
      >
        {field(
          'name',
          'accounts.name',
          <input
            id={`${id}-name`}
            value={values.name}
            maxLength={200}
            required
            onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
            {...invalid('name')}
          />,
        )}
        {field(
          'number',
          'accounts.number',
          <input
            id={`${id}-number`}
            value={values.number}
            placeholder="A-000123"
            required
            onChange={(e) => setValues((v) => ({ ...v, number: e.target.value }))}
            {...invalid('number')}
          />,
        )}
        {field(
          'currency',
          'adminAccounts.currency',
          <select
            id={`${id}-currency`}
            value={values.currency}
            disabled={Boolean(existing)}
            onChange={(e) => setValues((v) => ({ ...v, currency: e.target.value }))}
            {...invalid('currency')}
          >
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>,
        )}
        <div className="field">
          <label htmlFor={`${id}-manager`}>{t('accounts.manager')}</label>
          <select id={`${id}-manager`} value={managerId} onChange={(e) => setManagerId(e.target.value)}>
            <option value="">{t('adminAccounts.noManager')}</option>
            {managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.employeeId})
              </option>
            ))}
          </select>
        </div>
        {definitions.map((d) => (
          <ValueInput
            key={d.name}
            id={`${id}-field-${d.name}`}
            definition={d}
            value={fieldValues[d.name] ?? ''}
            problem={fieldProblems[d.name]}
            onChange={(v) => setFieldValues((all) => ({ ...all, [d.name]: v }))}
          />
        ))}
        {existing && (
          <p>
            {t('accounts.status')}:{' '}
            <strong>{t(existing.status === 'active' ? 'adminAccounts.active' : 'adminAccounts.inactive')}</strong>
          </p>
        )}
        {failure !== null && <ErrorMessage error={failure} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('admin.save')}
          </button>
          <Link to="/admin/accounts">{t('admin.cancel')}</Link>
        </div>
      </form>
    </>
  );
}

/** One admin-defined field's input, by its type. */
function ValueInput({
  id,
  definition: d,
  value,
  problem,
  onChange,
}: {
  id: string;
  definition: AccountFieldDefinition;
  value: string;
  problem: string | undefined;
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  const common = {
    id,
    value,
    required: d.required,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-error` : undefined,
    'data-account-field': d.name,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {d.label}
        {d.required ? ` (${t('accountFields.requiredMark')})` : ''}
      </label>
      {d.type === 'picklist' ? (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('accountFields.noValue')}</option>
          {d.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={d.type === 'date' ? 'date' : 'text'}
          inputMode={d.type === 'number' ? 'decimal' : undefined}
          maxLength={d.type === 'text' ? 1000 : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {problem && (
        <span id={`${id}-error`} className="field-error">
          {problem}
        </span>
      )}
    </div>
  );
}
