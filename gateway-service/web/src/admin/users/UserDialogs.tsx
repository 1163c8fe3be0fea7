import { useId, useState, type FormEvent } from 'react';
import { request } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { Dialog } from '../../ui/Dialog';
import { startImpersonation, useProfiles, type UserRow } from '../api';

const name = (u: UserRow) => u.name || u.username;

function Failure({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="field-error">
      {error}
    </p>
  ) : null;
}

/** Login as Customer: a reason for the audit trail, then the whole app reloads as that user. */
export function ImpersonateDialog({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    if (!reason) {
      setError(t('imp.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await startImpersonation(user.id, reason);
      // a full reload: every cached answer was the admin's
      window.location.assign('/');
    } catch (err) {
      setBusy(false);
      setError((err as Error).message);
    }
  };
  return (
    <Dialog title={t('imp.title', { name: name(user) })} onClose={onClose} testId="impersonate-dialog">
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <p>{t('imp.explain')}</p>
        <div className="field">
          <label htmlFor={id}>{t('imp.reason')}</label>
          <textarea id={id} name="reason" maxLength={500} required aria-invalid={error ? true : undefined} />
        </div>
        <Failure error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('imp.start')}
          </button>
          <button type="button" data-close onClick={onClose}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ResetPasswordDialog({ user, onClose }: { user: UserRow; onClose: (done: boolean) => void }) {
  const { t } = useI18n();
  const ids = { password: useId(), temporary: useId() };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password.length < 8 || password.length > 128) {
      setError(t('users.passwordRule'));
      return;
    }
    setBusy(true);
    try {
      await request('POST', `/api/admin/users/${user.id}/reset-password`, {
        body: { password, temporary: form.get('temporary') === 'on' },
      });
      onClose(true);
    } catch (err) {
      setBusy(false);
      setError((err as Error).message);
    }
  };
  return (
    <Dialog title={t('users.resetPasswordFor', { name: name(user) })} onClose={() => onClose(false)}>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={ids.password}>{t('users.newPassword')}</label>
          <input
            id={ids.password}
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={8}
            maxLength={128}
            required
            aria-invalid={error ? true : undefined}
          />
        </div>
        <label className="check" htmlFor={ids.temporary}>
          <input id={ids.temporary} name="temporary" type="checkbox" defaultChecked />
          {t('users.temporary')}
        </label>
        <Failure error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('users.resetPassword')}
          </button>
          <button type="button" data-close onClick={() => onClose(false)}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ProfileDialog({ user, onClose }: { user: UserRow; onClose: (profile: string | null) => void }) {
  const { t } = useI18n();
  const id = useId();
  const profiles = useProfiles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const profileId = String(new FormData(e.currentTarget).get('profileId') ?? '');
    const chosen = profiles.data?.find((p) => p.id === profileId);
    if (!chosen) return;
    setBusy(true);
    try {
      await request('PUT', `/api/admin/users/${user.id}/profile`, { body: { profileId } });
      onClose(chosen.name);
    } catch (err) {
      setBusy(false);
      setError((err as Error).message);
    }
  };
  const current = profiles.data?.find((p) => p.name === user.profile)?.id;
  return (
    <Dialog title={t('users.changeProfileFor', { name: name(user) })} onClose={() => onClose(null)}>
      {profiles.isPending && <p role="status">{t('app.loading')}</p>}
      {profiles.isError && <Failure error={(profiles.error as Error).message} />}
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={id}>{t('users.profile')}</label>
          <select id={id} name="profileId" defaultValue={current} key={current ?? 'none'} required>
            {(profiles.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <Failure error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !profiles.data}>
            {t('admin.save')}
          </button>
          <button type="button" data-close onClick={() => onClose(null)}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
