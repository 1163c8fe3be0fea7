import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Problem, request } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage, PageError, PageTitle } from '../../ui/States';
import { adminKeys, useProfiles, type Profile } from '../api';
import { AdminTable } from '../AdminTable';

/** Profiles: the list; Edit, Copy, and Delete for a profile nobody has. */
export function ProfilesPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const location = useLocation();
  const profiles = useProfiles();
  const [deleting, setDeleting] = useState<Profile | null>(null);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const remove = useMutation({
    mutationFn: (p: Profile) => request('DELETE', `/api/admin/profiles/${p.id}`),
    onSuccess: (_, p) => setNotice(t('profiles.deleted', { name: p.name })),
    onError: () => setNotice(null),
    onSettled: () => {
      setDeleting(null);
      void client.invalidateQueries({ queryKey: adminKeys.profiles });
    },
  });
  if (profiles.error instanceof Problem && profiles.error.status === 403) return <PageError error={profiles.error} />;
  return (
    <>
      <PageTitle>{t('profiles.title')}</PageTitle>
      <div className="actions">
        <Link className="button primary" to="/admin/profiles/new">
          {t('profiles.new')}
        </Link>
      </div>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {remove.isError && <ErrorMessage error={remove.error} />}
      <AdminTable
        items={profiles.data}
        pending={profiles.isPending}
        error={profiles.isError ? profiles.error : null}
        onRetry={() => void profiles.refetch()}
        label={t('profiles.title')}
        testId="profiles"
        empty={t('profiles.none')}
        head={
          <>
            <th scope="col">{t('profiles.name')}</th>
            <th scope="col">{t('profiles.description')}</th>
            <th scope="col">{t('profiles.defaultFor')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('users.actions')}</span>
            </th>
          </>
        }
        row={(p) => (
          <tr key={p.id}>
            <th scope="row">
              {p.name}
              {p.builtin && <span className="badge badge-default">{t('profiles.builtin')}</span>}
            </th>
            <td className="wrap">{p.description ?? '–'}</td>
            <td>{p.defaultFor ? t(`users.type.${p.defaultFor as 'customer'}`) : '–'}</td>
            <td>
              <div className="row-actions">
                <Link to={`/admin/profiles/${p.id}`} aria-label={t('profiles.editOne', { name: p.name })}>
                  {t('profiles.edit')}
                </Link>
                <Link to={`/admin/profiles/new?copy=${p.id}`} aria-label={t('profiles.copyOne', { name: p.name })}>
                  {t('profiles.copy')}
                </Link>
                {!p.builtin && (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => setDeleting(p)}
                    aria-label={t('profiles.deleteOne', { name: p.name })}
                  >
                    {t('profiles.delete')}
                  </button>
                )}
              </div>
            </td>
          </tr>
        )}
      />
      {deleting && (
        <Dialog title={t('profiles.confirmTitle', { name: deleting.name })} onClose={() => setDeleting(null)}>
          <p>{t('profiles.confirmText')}</p>
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
              {t('profiles.delete')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
