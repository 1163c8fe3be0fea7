import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { request } from '../../api/client';
import { useMe } from '../../api/hooks';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { ActionsMenu, type MenuAction } from '../../ui/ActionsMenu';
import { PageError, PageTitle } from '../../ui/States';
import { Problem } from '../../api/client';
import {
  adminKeys,
  canImpersonate,
  PAGE_SIZE,
  useAccountNames,
  USER_TYPES,
  useUsers,
  type UserRow,
  type UserSearch,
} from '../api';
import { ImpersonateDialog, ProfileDialog, ResetPasswordDialog } from './UserDialogs';
import { pageCount, readUserSearch, sortUsers, writeUserSearch } from './userSearch';
import { AdminTable } from '../AdminTable';

const COLUMNS: { sort: UserSearch['sort']; label: MessageKey }[] = [
  { sort: 'name', label: 'users.name' },
  { sort: 'username', label: 'users.username' },
  { sort: 'email', label: 'users.email' },
  { sort: 'type', label: 'users.type' },
];

type Open = { kind: 'impersonate' | 'password' | 'profile'; user: UserRow } | null;

/** Users > All Users: search, filter by type and account, sort, page; each row's Actions. */
export function UsersPage() {
  const { t } = useI18n();
  const me = useMe();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const search = readUserSearch(params);
  const users = useUsers(search);
  const accounts = useAccountNames();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ids = { q: useId(), type: useId(), account: useId() };
  const accountName = new Map((accounts.data ?? []).map((a) => [a.accountId, a.name]));

  const go = (next: UserSearch) => setParams(writeUserSearch(next));
  const filter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    go({
      ...search,
      q: String(form.get('q') ?? '').trim(),
      type: String(form.get('type') ?? ''),
      accountId: String(form.get('accountId') ?? ''),
      page: 0,
    });
  };
  const toggle = useMutation({
    mutationFn: (u: UserRow) =>
      request<UserRow>('POST', `/api/admin/users/${u.id}/${u.enabled ? 'disable' : 'enable'}`),
    onSuccess: (answer) => {
      setNotice(t(answer.body.enabled ? 'users.enabledNotice' : 'users.disabledNotice', { name: label(answer.body) }));
      void client.invalidateQueries({ queryKey: adminKeys.users });
    },
    onError: (e) => setNotice((e as Error).message),
  });

  if (users.error instanceof Problem && users.error.status === 403) return <PageError error={users.error} />;
  const page = users.data;
  const pages = page ? pageCount(page.total, PAGE_SIZE) : 1;

  const actionsFor = (u: UserRow): MenuAction[] => {
    const list: MenuAction[] = [];
    if (canImpersonate(u, me.data?.userId)) {
      list.push({
        id: 'impersonate',
        label: t('users.impersonate'),
        onSelect: () => setOpen({ kind: 'impersonate', user: u }),
      });
    }
    if (u.id !== me.data?.userId) {
      list.push({
        id: u.enabled ? 'disable' : 'enable',
        label: t(u.enabled ? 'users.disable' : 'users.enable'),
        danger: u.enabled,
        onSelect: () => toggle.mutate(u),
      });
    }
    list.push({
      id: 'reset-password',
      label: t('users.resetPassword'),
      onSelect: () => setOpen({ kind: 'password', user: u }),
    });
    list.push({
      id: 'profile',
      label: t('users.changeProfile'),
      onSelect: () => setOpen({ kind: 'profile', user: u }),
    });
    return list;
  };

  return (
    <>
      <PageTitle>{t('users.title')}</PageTitle>
      <form className="filters" onSubmit={filter} role="search" aria-label={t('users.search')} key={params.toString()}>
        <label htmlFor={ids.q}>{t('users.search')}</label>
        <input id={ids.q} name="q" type="search" defaultValue={search.q} placeholder={t('users.searchHint')} />
        <label htmlFor={ids.type}>{t('users.type')}</label>
        <select id={ids.type} name="type" defaultValue={search.type}>
          <option value="">{t('users.anyType')}</option>
          {USER_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`users.type.${type}`)}
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
        <button type="submit">{t('users.apply')}</button>
      </form>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <AdminTable
        items={page?.items}
        pending={users.isPending}
        error={users.isError ? users.error : null}
        onRetry={() => void users.refetch()}
        label={t('users.title')}
        testId="users"
        empty={t('users.none')}
        head={
          <>
            {COLUMNS.map((c) => {
              const sorted = search.sort === c.sort;
              return (
                <th
                  key={c.sort}
                  scope="col"
                  aria-sort={sorted ? (search.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" className="sort" onClick={() => go(sortUsers(search, c.sort))}>
                    {t(c.label)}
                    <span aria-hidden="true" className="sort-mark">
                      {sorted ? (search.direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col">{t('users.accounts')}</th>
            <th scope="col">{t('users.profile')}</th>
            <th scope="col">{t('users.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('users.actions')}</span>
            </th>
          </>
        }
        row={(u) => (
          <tr key={u.id} data-username={u.username}>
            <th scope="row">{u.name || u.username}</th>
            <td>{u.username}</td>
            <td>{u.email ?? '–'}</td>
            <td>
              {USER_TYPES.includes(u.type as never) ? t(`users.type.${u.type as (typeof USER_TYPES)[number]}`) : u.type}
            </td>
            <td>{u.accountIds.map((id) => accountName.get(id) ?? id.slice(0, 8)).join(', ') || '–'}</td>
            <td>{u.profile ?? '–'}</td>
            <td>
              <span className={u.enabled ? 'badge badge-active' : 'badge badge-default'}>
                {t(u.enabled ? 'users.enabled' : 'users.disabled')}
              </span>
            </td>
            <td className="num">
              <ActionsMenu
                text={t('users.actions')}
                label={t('users.actionsFor', { name: label(u) })}
                actions={actionsFor(u)}
              />
            </td>
          </tr>
        )}
      />
      {page && page.total > 0 && (
        <nav className="pager" aria-label={t('users.pages')}>
          <button type="button" disabled={search.page === 0} onClick={() => go({ ...search, page: search.page - 1 })}>
            {t('users.previous')}
          </button>
          <span>{t('users.pageOf', { page: search.page + 1, pages, total: page.total })}</span>
          <button
            type="button"
            disabled={search.page + 1 >= pages}
            onClick={() => go({ ...search, page: search.page + 1 })}
          >
            {t('users.next')}
          </button>
        </nav>
      )}
      {open?.kind === 'impersonate' && <ImpersonateDialog user={open.user} onClose={() => setOpen(null)} />}
      {open?.kind === 'password' && (
        <ResetPasswordDialog
          user={open.user}
          onClose={(done) => {
            setOpen(null);
            if (done) setNotice(t('users.passwordReset', { name: label(open.user) }));
          }}
        />
      )}
      {open?.kind === 'profile' && (
        <ProfileDialog
          user={open.user}
          onClose={(profile) => {
            setOpen(null);
            if (profile) {
              setNotice(t('users.profileChanged', { name: label(open.user), profile }));
              void client.invalidateQueries({ queryKey: adminKeys.users });
            }
          }}
        />
      )}
    </>
  );
}

function label(u: Pick<UserRow, 'name' | 'username'>): string {
  return u.name || u.username;
}
