import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { get, Problem, request } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { ErrorMessage, Loading, PageTitle } from '../../ui/States';
import {
  CASE_SOURCES,
  LIMITS,
  settingsProblems,
  toForm,
  toRequest,
  type PortalSettings,
  type SettingsForm,
} from './settingsForm';

export const SETTINGS_KEY = ['settings'] as const;

/** Settings: the portal-wide switches and case windows (identity-service holds them; every change is audited). */
export function SettingsPage() {
  const settings = useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => get<PortalSettings>('/api/settings', signal),
  });
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorMessage error={settings.error} onRetry={() => void settings.refetch()} />;
  // mounted once: the saved answer updates the cache without resetting the form or its notice
  return <SettingsEditor current={settings.data} />;
}

type Field = keyof SettingsForm;
const ORDER: Field[] = ['allowManagersToCreateRequests', 'caseSource', 'caseReopenWindowDays', 'caseArchiveAfterDays'];

function SettingsEditor({ current }: { current: PortalSettings }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const id = useId();
  const [form, setForm] = useState<SettingsForm>(toForm(current));
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const found = settingsProblems(form);
    const messages: Partial<Record<Field, string>> = {};
    for (const [f, p] of Object.entries(found) as [Field, string][]) {
      const limits = f === 'caseReopenWindowDays' || f === 'caseArchiveAfterDays' ? LIMITS[f] : undefined;
      messages[f] = t(`settings.problem.${p}` as MessageKey, { min: limits?.min ?? 0, max: limits?.max ?? 0 });
    }
    setProblems(messages);
    const firstWrong = ORDER.find((f) => messages[f]);
    if (firstWrong) {
      document.getElementById(`${id}-${firstWrong}`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const answer = await request<PortalSettings>('PUT', '/api/admin/settings', { body: toRequest(form) });
      client.setQueryData(SETTINGS_KEY, answer.body);
      setSaved(true);
    } catch (err) {
      // identity names the field it refuses: show it there
      if (err instanceof Problem && err.status === 400 && err.field && ORDER.includes(err.field as Field)) {
        setProblems({ [err.field]: err.message });
        document.getElementById(`${id}-${err.field}`)?.focus();
      } else {
        setFailure(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const described = (f: Field, hint?: boolean) => ({
    'aria-invalid': problems[f] ? true : undefined,
    'aria-describedby':
      [hint ? `${id}-${f}-hint` : '', problems[f] ? `${id}-${f}-error` : ''].filter(Boolean).join(' ') || undefined,
  });
  const error = (f: Field) =>
    problems[f] && (
      <span id={`${id}-${f}-error`} className="field-error">
        {problems[f]}
      </span>
    );
  const days = (f: 'caseReopenWindowDays' | 'caseArchiveAfterDays', label: MessageKey, hint: ReactNode) => (
    <div className="field">
      <label htmlFor={`${id}-${f}`}>{t(label)}</label>
      <input
        id={`${id}-${f}`}
        inputMode="numeric"
        value={form[f]}
        onChange={(e) => setForm((v) => ({ ...v, [f]: e.target.value }))}
        {...described(f, true)}
      />
      <span id={`${id}-${f}-hint`} className="hint">
        {hint}
      </span>
      {error(f)}
    </div>
  );
  return (
    <>
      <PageTitle>{t('settings.title')}</PageTitle>
      <form className="stack narrow" onSubmit={(e) => void submit(e)} noValidate aria-label={t('settings.title')}>
        <div className="field">
          <label className="check" htmlFor={`${id}-allowManagersToCreateRequests`}>
            <input
              id={`${id}-allowManagersToCreateRequests`}
              type="checkbox"
              checked={form.allowManagersToCreateRequests}
              onChange={(e) => setForm((v) => ({ ...v, allowManagersToCreateRequests: e.target.checked }))}
              {...described('allowManagersToCreateRequests', true)}
            />
            {t('settings.allowManagersToCreateRequests')}
          </label>
          <span id={`${id}-allowManagersToCreateRequests-hint`} className="hint">
            {t('settings.allowManagersToCreateRequestsHint')}
          </span>
          {error('allowManagersToCreateRequests')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-caseSource`}>{t('settings.caseSource')}</label>
          <select
            id={`${id}-caseSource`}
            value={form.caseSource}
            onChange={(e) => setForm((v) => ({ ...v, caseSource: e.target.value }))}
            {...described('caseSource', true)}
          >
            {CASE_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`settings.caseSource.${s}`)}
              </option>
            ))}
          </select>
          <span id={`${id}-caseSource-hint`} className="hint">
            {t('settings.caseSourceHint')}
          </span>
          {error('caseSource')}
        </div>
        {days(
          'caseReopenWindowDays',
          'settings.caseReopenWindowDays',
          t('settings.caseReopenWindowDaysHint', LIMITS.caseReopenWindowDays),
        )}
        {days(
          'caseArchiveAfterDays',
          'settings.caseArchiveAfterDays',
          t('settings.caseArchiveAfterDaysHint', LIMITS.caseArchiveAfterDays),
        )}
        {saved && (
          <p role="status" className="notice">
            {t('settings.saved')}
          </p>
        )}
        {failure !== null && <ErrorMessage error={failure} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('admin.save')}
          </button>
        </div>
      </form>
    </>
  );
}
