import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Problem, request } from '../../api/client';
import type { CustomerAccountRow } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { StatusBadge } from '../../ui/StatusBadge';
import { ErrorMessage, PageError, PageTitle } from '../../ui/States';
import { useAccountNames, useManagers } from '../api';
import { managerOf } from './accountForm';
import { AdminTable } from '../AdminTable';

/** Accounts: every account with its manager and status; Add, Edit, Deactivate and Reactivate. */
export function AccountsPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const location = useLocation();
  const accounts = useAccountNames();
  const managers = useManagers();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const flip = useMutation({
    mutationFn: (a: CustomerAccountRow) =>
      request('PUT', `/api/admin/accounts/${a.accountId}`, {
        body: {
          number: a.accountNumber,
          name: a.name,
          currency: a.currency,
          status: a.status === 'active' ? 'inactive' : 'active',
        },
      }),
    onSuccess: (_, a) => {
      setNotice(t(a.status === 'active' ? 'adminAccounts.deactivated' : 'adminAccounts.reactivated', { name: a.name }));
      // billing announces the change; the list (portal-bff's read model) follows within moments
      setTimeout(() => void client.invalidateQueries({ queryKey: ['admin', 'account-names'] }), 1500);
    },
  });
  if (accounts.error instanceof Problem && accounts.error.status === 403) return <PageError error={accounts.error} />;
  return (
    <>
      <PageTitle>{t('adminAccounts.title')}</PageTitle>
      <div className="actions">
        <Link className="button primary" to="/admin/accounts/new">
          {t('adminAccounts.new')}
        </Link>
        <Link className="button" to="/admin/accounts/fields">
          {t('accountFields.title')}
        </Link>
      </div>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {flip.isError && <ErrorMessage error={flip.error} />}
      <AdminTable
        items={accounts.data}
        pending={accounts.isPending}
        error={accounts.isError ? accounts.error : null}
        onRetry={() => void accounts.refetch()}
        label={t('adminAccounts.title')}
        testId="admin-accounts"
        empty={t('accounts.none')}
        head={
          <>
            <th scope="col">{t('accounts.name')}</th>
            <th scope="col">{t('accounts.number')}</th>
            <th scope="col">{t('adminAccounts.currency')}</th>
            <th scope="col">{t('accounts.manager')}</th>
            <th scope="col">{t('accounts.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('users.actions')}</span>
            </th>
          </>
        }
        row={(a) => (
          <tr key={a.accountId}>
            <th scope="row">{a.name}</th>
            <td>{a.accountNumber}</td>
            <td>{a.currency}</td>
            <td>{(managers.data && managerOf(managers.data, a.accountId)?.name) ?? a.accountManager ?? '–'}</td>
            <td>
              <StatusBadge status={a.status} />
            </td>
            <td>
              <div className="row-actions">
                <Link to={`/admin/accounts/${a.accountId}`} aria-label={t('adminAccounts.editOne', { name: a.name })}>
                  {t('profiles.edit')}
                </Link>
                <button
                  type="button"
                  className={a.status === 'active' ? 'danger' : undefined}
                  disabled={flip.isPending}
                  onClick={() => flip.mutate(a)}
                  aria-label={t(a.status === 'active' ? 'adminAccounts.deactivateOne' : 'adminAccounts.reactivateOne', {
                    name: a.name,
                  })}
                >
                  {t(a.status === 'active' ? 'adminAccounts.deactivate' : 'adminAccounts.reactivate')}
                </button>
              </div>
            </td>
          </tr>
        )}
      />
    </>
  );
}
