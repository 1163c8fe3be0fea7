import type { ReactNode } from 'react';
import type { Section as SectionData } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage } from './States';

interface Props<T> {
  id: string;
  title: string;
  /** The section as the screen's answer holds it; undefined while the screen loads. */
  section: SectionData<T> | undefined;
  loading: boolean;
  error: unknown;
  isEmpty?: (data: T) => boolean;
  empty?: string;
  actions?: ReactNode;
  children: (data: T) => ReactNode;
}

/** One part of a screen with its own loading, error, unavailable and empty states. */
export function SectionBox<T>({ id, title, section, loading, error, isEmpty, empty, actions, children }: Props<T>) {
  const { t } = useI18n();
  let body: ReactNode;
  if (loading) {
    body = (
      <p className="state loading" role="status">
        {t('section.loading', { name: title })}
      </p>
    );
  } else if (error) {
    body = <ErrorMessage error={new Error(t('section.error', { name: title, detail: (error as Error).message }))} />;
  } else if (!section || section.status === 'unavailable' || section.data === null) {
    body = (
      <p className="state unavailable" role="status">
        {t('section.unavailable', { name: title })}
        {section?.detail ? ` (${section.detail})` : ''}
      </p>
    );
  } else if (isEmpty?.(section.data)) {
    body = <p className="state empty">{empty ?? t('section.empty')}</p>;
  } else {
    body = children(section.data);
  }
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="card">
      <div className="card-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions && !loading && section?.status === 'ok' && <div className="card-actions">{actions}</div>}
      </div>
      {body}
    </section>
  );
}
