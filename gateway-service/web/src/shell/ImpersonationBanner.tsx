import { useEffect, useState } from 'react';
import { exitImpersonation, useImpersonation } from '../admin/api';
import { useMe } from '../api/hooks';
import { useI18n } from '../i18n/I18n';

/** "Viewing as <name> (<account>)" with Exit, on every screen while an admin is logged in as someone. */
export function ImpersonationBanner() {
  const { t } = useI18n();
  const state = useImpersonation();
  const me = useMe();
  const [exiting, setExiting] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const active = Boolean(state.data?.active);
  const wasActive = useWasActive(active);
  useEffect(() => {
    // ended by expiry or by another admin: the session is the admin's again, so reload as the admin
    if (wasActive && state.data && !state.data.active) window.location.assign('/admin/users');
  }, [wasActive, state.data]);
  if (!active || !state.data?.user) return null;
  const user = state.data.user;
  const name = user.name || user.username;
  const account = user.accountName ?? me.data?.accounts[0]?.name ?? null;
  const exit = async () => {
    setExiting(true);
    setFailed(null);
    try {
      window.location.assign(await exitImpersonation());
    } catch (e) {
      setExiting(false);
      setFailed((e as Error).message);
    }
  };
  return (
    <div className="impersonating" role="region" aria-label={t('imp.region')} data-testid="impersonation-banner">
      <p>
        <strong>{account ? t('imp.viewingAs', { name, account }) : t('imp.viewingAsNoAccount', { name })}</strong>
      </p>
      <button type="button" onClick={() => void exit()} disabled={exiting}>
        {t('imp.exit')}
      </button>
      {failed && (
        <p role="alert" className="field-error">
          {t('imp.exitFailed', { detail: failed })}
        </p>
      )}
    </div>
  );
}

function useWasActive(active: boolean): boolean {
  const [was, setWas] = useState(active);
  if (active && !was) setWas(true);
  return was;
}
