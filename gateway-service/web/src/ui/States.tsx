import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Problem } from '../api/client';
import { useI18n } from '../i18n/I18n';

/** A page's title; it takes the focus when the page opens so screen readers announce the new screen. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="state loading" role="status">
      {label ?? t('app.loading')}
    </p>
  );
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div className="state error" role="alert">
      <p>{detail || t('app.unreachable')}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="not-found" className="not-found">
      <h1 id="not-found" className="page-title">
        {t('app.notFound')}
      </h1>
      <p>{t('app.notFoundText')}</p>
      <Link to="/">{t('app.back')}</Link>
    </section>
  );
}

export function Forbidden() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="forbidden">
      <h1 id="forbidden" className="page-title">
        {t('app.forbidden')}
      </h1>
      <p>{t('app.forbiddenText')}</p>
    </section>
  );
}

/** What a failed page load shows: not found / not allowed pages for 404 / 403, else the error and a retry. */
export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof Problem && error.status === 404) return <NotFound />;
  if (error instanceof Problem && error.status === 403) return <Forbidden />;
  return <ErrorMessage error={error} onRetry={onRetry} />;
}
