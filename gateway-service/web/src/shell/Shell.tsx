import { useEffect } from 'react';
import { Link, NavLink, Navigate, Outlet, useParams } from 'react-router';
import { Problem, signOut } from '../api/client';
import { useHeader, useHeaderEvents, useMe } from '../api/hooks';
import { LOCALES, useI18n } from '../i18n/I18n';
import type { Locale } from '../lib/format';
import { adminPath, adminTabs, headerControls, landingPath, tabPath, visibleTabs } from '../lib/permissions';
import { ImpersonationBanner } from './ImpersonationBanner';
import { ErrorMessage, Loading } from '../ui/States';

/** The frame of every screen: header (account, balance, Pay Invoice, person, language, sign out), tabs, content. */
export function Shell() {
  const { t, locale, setLocale, adoptProfileLocale } = useI18n();
  const me = useMe();
  const { accountId } = useParams();
  useEffect(() => adoptProfileLocale(me.data?.locale), [me.data?.locale, adoptProfileLocale]);

  if (me.isPending || (me.error instanceof Problem && me.error.status === 401)) {
    return (
      <main id="main" className="boot">
        <Loading />
      </main>
    );
  }
  if (me.isError) {
    return (
      <main id="main" className="boot">
        <h1 className="page-title">{t('app.title')}</h1>
        <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  const person = me.data;
  const tabs = visibleTabs(person, Boolean(accountId));
  const admin = adminTabs(person);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <ImpersonationBanner />
      <header className="bar">
        <Link to="/" className="brand">
          {t('app.title')}
        </Link>
        {accountId && <AccountHeader accountId={accountId} grants={person.grants} />}
        <div className="who">
          <span className="person" data-testid="person-name">
            {person.name || person.username}
          </span>
          <label className="language">
            <span>{t('shell.language')}</span>
            <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
              {LOCALES.map((l) => (
                <option key={l.id} value={l.id} lang={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary on-dark" onClick={signOut}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <div className="layout">
        {(tabs.length > 0 || admin.length > 0) && (
          <nav className="tabs" aria-label={t('shell.nav')}>
            <ul>
              {tabs.map((tab) => (
                <li key={tab}>
                  <NavLink to={tabPath(tab, accountId)} end={false}>
                    {t(`tab.${tab}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
            {admin.length > 0 && (
              <>
                <h2 className="nav-group" id="admin-nav">
                  {t('admin.nav')}
                </h2>
                <ul aria-labelledby="admin-nav" data-testid="admin-nav">
                  {admin.map((tab) => (
                    <li key={tab}>
                      <NavLink to={adminPath(tab)} end={false}>
                        {t(`admin.tab.${tab}`)}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </nav>
        )}
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </>
  );
}

function AccountHeader({ accountId, grants }: { accountId: string; grants: Parameters<typeof headerControls>[0] }) {
  const { t, money } = useI18n();
  const header = useHeader(accountId);
  useHeaderEvents(accountId);
  if (!header.data) return <div className="account" aria-busy={header.isPending} />;
  const h = header.data;
  const show = headerControls(grants, h.canPay);
  return (
    <div className="account">
      <p className="account-name">
        <span data-testid="account-name">{h.accountName}</span> <span className="muted on-dark">{h.accountNumber}</span>
      </p>
      {show.balance && (
        <p className="balance">
          <span className="label">{t('shell.balance')}</span>{' '}
          <strong data-testid="balance" aria-live="polite">
            {money(h.balance, h.currency)}
          </strong>
        </p>
      )}
      {show.pay && (
        <Link className="button primary-on-dark" to={`/accounts/${accountId}/pay`} data-testid="pay-invoice">
          {t('shell.pay')}
        </Link>
      )}
    </div>
  );
}

/** "/": a customer's My Account, or Customer Accounts for executives, agents and admins. */
export function Landing() {
  const me = useMe();
  const { t } = useI18n();
  if (!me.data) return <Loading />;
  const target = landingPath(me.data);
  if (!me.data.accounts.length && target !== '/customer-accounts') return <p>{t('app.noAccount')}</p>;
  return <Navigate to={target} replace />;
}
