import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { get, Problem, request } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { ErrorMessage, Loading, PageError, PageTitle } from '../../ui/States';
import { adminKeys, useAccountNames, type AuditEvent, type ImpersonationSession, type UserPage } from '../api';
import { AUDIT_ACTIONS, auditPath, rangeProblem, readAuditSearch, type AuditSearch } from './auditSearch';
import { AdminTable } from '../AdminTable';

/** The audit trail (search by who, acting admin, account, action and time) and the active impersonations. */
export function AuditPage() {
  const { t, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const search = readAuditSearch(params);
  const ids = { who: useId(), admin: useId(), account: useId(), action: useId(), from: useId(), to: useId() };
  const [rangeError, setRangeError] = useState(false);
  const accounts = useAccountNames();
  const admins = useQuery({
    queryKey: [...adminKeys.users, 'admins'],
    queryFn: ({ signal }) => get<UserPage>('/api/admin/users?type=admin&size=100', signal),
    staleTime: 5 * 60_000,
  });
  const events = useQuery({
    queryKey: [...adminKeys.audit, search],
    queryFn: ({ signal }) => get<AuditEvent[]>(auditPath(search), signal),
    enabled: !rangeProblem(search),
  });
  const adminName = new Map((admins.data?.items ?? []).map((a) => [a.id, a.name || a.username]));
  const accountName = new Map((accounts.data ?? []).map((a) => [a.accountId, a.name]));

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next: AuditSearch = {
      who: String(form.get('who') ?? '').trim(),
      actingAdmin: String(form.get('actingAdmin') ?? ''),
      accountId: String(form.get('accountId') ?? ''),
      action: String(form.get('action') ?? ''),
      from: String(form.get('from') ?? ''),
      to: String(form.get('to') ?? ''),
    };
    const wrong = rangeProblem(next) !== null;
    setRangeError(wrong);
    if (wrong) return;
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)));
  };

  if (events.error instanceof Problem && events.error.status === 403) return <PageError error={events.error} />;
  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <ActiveImpersonations adminName={adminName} />
      <section className="card" aria-labelledby="audit-trail">
        <h2 id="audit-trail">{t('audit.trail')}</h2>
        <form className="filters" role="search" aria-label={t('audit.search')} onSubmit={apply} key={params.toString()}>
          <label htmlFor={ids.who}>{t('audit.who')}</label>
          <input id={ids.who} name="who" type="search" defaultValue={search.who} placeholder={t('audit.whoHint')} />
          <label htmlFor={ids.admin}>{t('audit.actingAdmin')}</label>
          <select id={ids.admin} name="actingAdmin" defaultValue={search.actingAdmin}>
            <option value="">{t('audit.anyAdmin')}</option>
            {(admins.data?.items ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name || a.username}
              </option>
            ))}
          </select>
          <label htmlFor={ids.account}>{t('users.account')}</label>
          <select id={ids.account} name="accountId" defaultValue={search.accountId}>
            <option value="">{t('users.anyAccount')}</option>
            {(accounts.data ?? []).map((a) => (
              <option key={a.accountId} value={a.accountId}>
                {a.name}
              </option>
            ))}
          </select>
          <label htmlFor={ids.action}>{t('audit.action')}</label>
          <select id={ids.action} name="action" defaultValue={search.action}>
            <option value="">{t('audit.anyAction')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.action.${a}`)}
              </option>
            ))}
          </select>
          <label htmlFor={ids.from}>{t('audit.from')}</label>
          <input
            id={ids.from}
            name="from"
            type="datetime-local"
            defaultValue={search.from}
            aria-invalid={rangeError || undefined}
          />
          <label htmlFor={ids.to}>{t('audit.to')}</label>
          <input
            id={ids.to}
            name="to"
            type="datetime-local"
            defaultValue={search.to}
            aria-invalid={rangeError || undefined}
          />
          <button type="submit">{t('users.apply')}</button>
        </form>
        {rangeError && (
          <p role="alert" className="field-error">
            {t('audit.rangeProblem')}
          </p>
        )}
        <AdminTable
          items={events.data}
          pending={events.isPending && !rangeProblem(search)}
          error={events.isError ? events.error : null}
          onRetry={() => void events.refetch()}
          label={t('audit.trail')}
          testId="audit"
          empty={t('audit.none')}
          head={
            <>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.user')}</th>
              <th scope="col">{t('audit.actingAdmin')}</th>
              <th scope="col">{t('users.accounts')}</th>
              <th scope="col">{t('audit.detail')}</th>
              <th scope="col">{t('audit.source')}</th>
            </>
          }
          row={(e) => (
            <tr key={e.id} data-session={e.sessionId ?? undefined}>
              <td>{dateTime(e.at)}</td>
              <td>
                {(AUDIT_ACTIONS as readonly string[]).includes(e.action)
                  ? t(`audit.action.${e.action as (typeof AUDIT_ACTIONS)[number]}`)
                  : e.action}
              </td>
              <th scope="row">{e.username ?? e.userId}</th>
              <td>{e.actingAdmin ? (adminName.get(e.actingAdmin) ?? e.actingAdmin) : '–'}</td>
              <td>{e.accountIds.map((id) => accountName.get(id) ?? id.slice(0, 8)).join(', ') || '–'}</td>
              <td className="wrap">{e.detail ?? '–'}</td>
              <td>{e.sourceAddress || '–'}</td>
            </tr>
          )}
        />
      </section>
    </>
  );
}

function ActiveImpersonations({ adminName }: { adminName: Map<string, string> }) {
  const { t, dateTime } = useI18n();
  const client = useQueryClient();
  const active = useQuery({
    queryKey: adminKeys.impersonations,
    queryFn: ({ signal }) => get<ImpersonationSession[]>('/api/admin/impersonations?active=true', signal),
  });
  const end = useMutation({
    mutationFn: (id: string) => request('POST', `/api/admin/impersonations/${id}/end`),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: adminKeys.impersonations });
      void client.invalidateQueries({ queryKey: adminKeys.audit });
    },
  });
  return (
    <section className="card" aria-labelledby="active-impersonations">
      <h2 id="active-impersonations">{t('audit.active')}</h2>
      {active.isPending && <Loading />}
      {active.isError && <ErrorMessage error={active.error} onRetry={() => void active.refetch()} />}
      {end.isError && <ErrorMessage error={end.error} />}
      {end.isSuccess && (
        <p role="status" className="notice">
          {t('audit.ended')}
        </p>
      )}
      {active.data && active.data.length === 0 && <p className="state empty">{t('audit.noneActive')}</p>}
      {active.data && active.data.length > 0 && (
        <div className="table-scroll" role="region" aria-label={t('audit.active')} tabIndex={0}>
          <table data-testid="active-impersonations">
            <thead>
              <tr>
                <th scope="col">{t('audit.actingAdmin')}</th>
                <th scope="col">{t('audit.user')}</th>
                <th scope="col">{t('imp.reason')}</th>
                <th scope="col">{t('audit.started')}</th>
                <th scope="col">{t('audit.expires')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('users.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {active.data.map((s) => {
                const admin = s.adminUsername ?? adminName.get(s.adminId) ?? s.adminId;
                const user = s.username ?? s.userId;
                return (
                  <tr key={s.id}>
                    <td>{admin}</td>
                    <th scope="row">{user}</th>
                    <td className="wrap">{s.reason}</td>
                    <td>{dateTime(s.startedAt)}</td>
                    <td>{dateTime(s.expiresAt)}</td>
                    <td>
                      <button
                        type="button"
                        className="danger"
                        disabled={end.isPending}
                        onClick={() => end.mutate(s.id)}
                        aria-label={t('audit.endFor', { admin, user })}
                      >
                        {t('audit.end')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
