import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Problem, request } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage, PageError, PageTitle } from '../../ui/States';
import { adminKeys, useAccountNames, useManagers, type Manager } from '../api';
import { AdminTable } from '../AdminTable';

/** Account Managers: the list, New, Edit (by name), and deleting several with a confirmation. */
export function ManagersPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const location = useLocation();
  const managers = useManagers();
  const accounts = useAccountNames();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const accountName = new Map((accounts.data ?? []).map((a) => [a.accountId, a.name]));
  const rows = managers.data ?? [];
  const chosen = rows.filter((m) => selected.has(m.id));

  const remove = useMutation({
    mutationFn: (ids: string[]) =>
      request(
        'DELETE',
        `/api/admin/account-managers?${ids.map((id) => `ids=${encodeURIComponent(id)}`).join('&')}&confirm=true`,
      ),
    onSuccess: (_, ids) => {
      setNotice(t('managers.deleted', { count: ids.length }));
      setSelected(new Set());
      setConfirming(false);
    },
    onError: () => {
      // a partial delete (Keycloak stopped answering) names what was and was not deleted; the list shows what is left
      setConfirming(false);
      setNotice(null);
      setSelected(new Set());
    },
    onSettled: () => void client.invalidateQueries({ queryKey: adminKeys.managers }),
  });

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  if (managers.error instanceof Problem && managers.error.status === 403) return <PageError error={managers.error} />;
  return (
    <>
      <PageTitle>{t('managers.title')}</PageTitle>
      <div className="actions">
        <Link className="button primary" to="/admin/account-managers/new">
          {t('managers.new')}
        </Link>
        <button type="button" className="danger" disabled={chosen.length === 0} onClick={() => setConfirming(true)}>
          {t('managers.deleteSelected', { count: chosen.length })}
        </button>
      </div>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {remove.isError && <ErrorMessage error={remove.error} />}
      <AdminTable
        items={managers.data}
        pending={managers.isPending}
        error={managers.isError ? managers.error : null}
        onRetry={() => void managers.refetch()}
        label={t('managers.title')}
        testId="account-managers"
        empty={t('managers.none')}
        head={
          <>
            <th scope="col">
              <span className="visually-hidden">{t('managers.select')}</span>
            </th>
            <th scope="col">{t('managers.name')}</th>
            <th scope="col">{t('managers.employeeId')}</th>
            <th scope="col">{t('managers.primaryEmail')}</th>
            <th scope="col">{t('managers.phone')}</th>
            <th scope="col">{t('managers.loginName')}</th>
            <th scope="col">{t('managers.accounts')}</th>
          </>
        }
        row={(m) => (
          <tr key={m.id} data-login={m.loginName}>
            <td>
              <input
                type="checkbox"
                aria-label={t('managers.selectOne', { name: m.name })}
                checked={selected.has(m.id)}
                onChange={(e) => toggle(m.id, e.target.checked)}
              />
            </td>
            <th scope="row">
              <Link to={`/admin/account-managers/${m.id}`} aria-label={t('managers.edit', { name: m.name })}>
                {m.name}
              </Link>
            </th>
            <td>{m.employeeId}</td>
            <td>{m.primaryEmail}</td>
            <td>{m.phone ?? m.mobile ?? '–'}</td>
            <td>{m.loginName}</td>
            <td>{m.accountIds.map((id) => accountName.get(id) ?? id.slice(0, 8)).join(', ') || '–'}</td>
          </tr>
        )}
      />
      {confirming && (
        <ConfirmDelete
          managers={chosen}
          busy={remove.isPending}
          onConfirm={() => remove.mutate(chosen.map((m) => m.id))}
          onClose={() => setConfirming(false)}
        />
      )}
    </>
  );
}

function ConfirmDelete({
  managers,
  busy,
  onConfirm,
  onClose,
}: {
  managers: Manager[];
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog title={t('managers.confirmTitle', { count: managers.length })} onClose={onClose} testId="confirm-delete">
      <p>{t('managers.confirmText')}</p>
      <ul>
        {managers.map((m) => (
          <li key={m.id}>
            {m.name} ({m.loginName})
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" data-close data-autofocus onClick={onClose}>
          {t('admin.cancel')}
        </button>
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {t('managers.confirmDelete', { count: managers.length })}
        </button>
      </div>
    </Dialog>
  );
}
