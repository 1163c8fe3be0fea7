import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { get, Problem, request } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import type { Area, Grant, Level } from '../../lib/permissions';
import { ErrorMessage, Loading, PageError, PageTitle } from '../../ui/States';
import { adminKeys, type Profile } from '../api';
import { AREAS, completeGrants, copyName, LEVELS, nextTab, SCOPES, type AllGrants } from './profileForm';

/** The profile editor: name, description, and one tab per area with its level and scope. New, Edit or Copy. */
export function ProfileEditorPage() {
  const { profileId } = useParams();
  const [params] = useSearchParams();
  const isNew = !profileId || profileId === 'new';
  const sourceId = isNew ? params.get('copy') : profileId;
  const source = useQuery({
    queryKey: [...adminKeys.profiles, sourceId],
    queryFn: ({ signal }) => get<Profile>(`/api/admin/profiles/${sourceId}`, signal),
    enabled: Boolean(sourceId),
  });
  const { t } = useI18n();
  if (sourceId && source.isPending) return <Loading />;
  if (sourceId && source.isError) return <PageError error={source.error} onRetry={() => void source.refetch()} />;
  const from = source.data;
  const initial = {
    name: from ? (isNew ? copyName(from.name, t('profiles.copyName')) : from.name) : '',
    description: from?.description ?? '',
    grants: completeGrants(from?.grants),
  };
  return (
    <ProfileEditor
      key={`${profileId}-${sourceId}`}
      id={isNew ? null : (profileId ?? null)}
      copied={isNew && Boolean(from)}
      initial={initial}
    />
  );
}

function ProfileEditor({
  id,
  copied,
  initial,
}: {
  id: string | null;
  copied: boolean;
  initial: { name: string; description: string; grants: AllGrants };
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const base = useId();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [grants, setGrants] = useState<AllGrants>(initial.grants);
  const [tab, setTab] = useState(0);
  const [nameProblem, setNameProblem] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const setGrant = (area: Area, change: Partial<Grant>) =>
    setGrants((g) => ({ ...g, [area]: { ...g[area], ...change } }));
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const next = nextTab(tab, e.key, AREAS.length);
    if (next === null) return;
    e.preventDefault();
    setTab(next);
    tabs.current[next]?.focus();
  };
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const trimmed = name.trim();
    setNameProblem(!trimmed);
    if (!trimmed) {
      document.getElementById(`${base}-name`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const body = { name: trimmed, description: description.trim() || null, grants };
      if (id) await request('PUT', `/api/admin/profiles/${id}`, { body });
      else await request('POST', '/api/admin/profiles', { body });
      void client.invalidateQueries({ queryKey: adminKeys.profiles });
      navigate('/admin/profiles', { state: { notice: t('profiles.saved', { name: trimmed }) } });
    } catch (err) {
      setBusy(false);
      setFailure(err);
    }
  };
  const title = id
    ? t('profiles.editTitle', { name: initial.name })
    : copied
      ? t('profiles.copyTitle')
      : t('profiles.newTitle');
  return (
    <>
      <p className="crumbs">
        <Link to="/admin/profiles">{t('profiles.title')}</Link>
      </p>
      <PageTitle>{title}</PageTitle>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-label={t('profiles.formLabel')}>
        <div className="field narrow">
          <label htmlFor={`${base}-name`}>{t('profiles.name')}</label>
          <input
            id={`${base}-name`}
            value={name}
            maxLength={100}
            required
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameProblem || undefined}
            aria-describedby={nameProblem ? `${base}-name-error` : undefined}
          />
          {nameProblem && (
            <span id={`${base}-name-error`} className="field-error">
              {t('managers.problem.required')}
            </span>
          )}
        </div>
        <div className="field narrow">
          <label htmlFor={`${base}-description`}>{t('profiles.description')}</label>
          <textarea
            id={`${base}-description`}
            value={description}
            maxLength={500}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <div className="tablist" role="tablist" aria-label={t('profiles.areas')}>
          {AREAS.map((area, i) => (
            <button
              key={area}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${area}`}
              aria-selected={tab === i}
              aria-controls={`${base}-panel-${area}`}
              tabIndex={tab === i ? 0 : -1}
              onClick={() => setTab(i)}
              onKeyDown={onTabKey}
            >
              {t(`profiles.area.${area}`)}
            </button>
          ))}
        </div>
        {AREAS.map((area, i) => (
          <div
            key={area}
            role="tabpanel"
            id={`${base}-panel-${area}`}
            aria-labelledby={`${base}-tab-${area}`}
            hidden={tab !== i}
            className="stack"
          >
            <fieldset>
              <legend>{t('profiles.level')}</legend>
              <div className="choices">
                {LEVELS.map((level: Level) => (
                  <label className="check" key={level}>
                    <input
                      type="radio"
                      name={`${area}-level`}
                      value={level}
                      checked={grants[area].level === level}
                      onChange={() => setGrant(area, { level })}
                    />
                    {t(`profiles.level.${level}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset>
              <legend>{t('profiles.scope')}</legend>
              <div className="choices">
                {SCOPES.map((scope) => (
                  <label className="check" key={scope}>
                    <input
                      type="radio"
                      name={`${area}-scope`}
                      value={scope}
                      checked={grants[area].scope === scope}
                      onChange={() => setGrant(area, { scope })}
                    />
                    {t(`profiles.scope.${scope}`)}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
        ))}
        {failure !== null && <ErrorMessage error={failure instanceof Problem ? failure : new Error(String(failure))} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('admin.save')}
          </button>
          <Link to="/admin/profiles">{t('admin.cancel')}</Link>
        </div>
      </form>
    </>
  );
}
