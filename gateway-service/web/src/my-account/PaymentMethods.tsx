import { useState } from 'react';
import { Link } from 'react-router';
import type { PaymentMethod, Section } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { daysUntilCardExpires } from '../lib/format';
import { SectionBox } from '../ui/Section';
import { ErrorMessage } from '../ui/States';
import { usePaymentMethodActions } from './api';

interface Props {
  accountId: string;
  section: Section<PaymentMethod[]> | undefined;
  canManage: boolean;
  loading: boolean;
  error: unknown;
}

export function cardLabel(m: PaymentMethod, t: ReturnType<typeof useI18n>['t']): string {
  const raw = m.brand ?? m.type;
  const brand = raw.charAt(0).toUpperCase() + raw.slice(1);
  return m.last4 ? t('methods.card', { brand, last4: m.last4 }) : brand;
}

/** A saved card's warning: expired, or expiring within 30 days (from today). */
export function expiryWarning(m: PaymentMethod, today: Date): 'expired' | 'soon' | null {
  if (m.expired) return 'expired';
  if (!m.expMonth || !m.expYear) return null;
  const days = daysUntilCardExpires(m.expMonth, m.expYear, today);
  if (days < 0) return 'expired';
  return days <= 30 ? 'soon' : null;
}

export function PaymentMethods({ accountId, section, canManage, loading, error }: Props) {
  const { t } = useI18n();
  const actions = usePaymentMethodActions(accountId);
  const [confirming, setConfirming] = useState<string | null>(null);
  const failed = actions.makeDefault.error ?? actions.remove.error;
  return (
    <SectionBox
      id="payment-methods"
      title={t('methods.title')}
      section={section}
      loading={loading}
      error={error}
      isEmpty={(list) => list.length === 0 && !canManage}
      empty={t('methods.none')}
      actions={
        canManage && (
          <Link className="button" to={`/accounts/${accountId}/payment-methods/new`}>
            {t('methods.add')}
          </Link>
        )
      }
    >
      {(methods) => (
        <>
          {failed && <ErrorMessage error={failed} />}
          {methods.length === 0 && <p className="state empty">{t('methods.none')}</p>}
          <ul className="methods" data-testid="payment-methods">
            {methods.map((m) => {
              const label = cardLabel(m, t);
              const warning = expiryWarning(m, new Date());
              return (
                <li key={m.id} className="method">
                  <div>
                    <strong>{label}</strong>
                    {m.isDefault && <span className="badge badge-default">{t('methods.default')}</span>}
                    {m.expMonth && m.expYear && (
                      <div className="muted">
                        {t('methods.expires', { month: String(m.expMonth).padStart(2, '0'), year: m.expYear })}
                      </div>
                    )}
                    {warning && (
                      <p className={`warning ${warning}`} role="note">
                        {t(warning === 'expired' ? 'methods.expired' : 'methods.expiresSoon', { card: label })}
                      </p>
                    )}
                  </div>
                  {canManage && (
                    <div className="row-actions">
                      {!m.isDefault && (
                        <button
                          type="button"
                          onClick={() => actions.makeDefault.mutate(m.id)}
                          disabled={actions.makeDefault.isPending}
                          aria-label={t('methods.makeDefault', { card: label })}
                        >
                          {t('methods.default')}
                        </button>
                      )}
                      {confirming === m.id ? (
                        <span role="group" aria-label={t('methods.confirmRemove', { card: label })}>
                          <span>{t('methods.confirmRemove', { card: label })}</span>{' '}
                          <button
                            type="button"
                            className="danger"
                            onClick={() => actions.remove.mutate(m.id, { onSettled: () => setConfirming(null) })}
                          >
                            {t('methods.removeYes')}
                          </button>{' '}
                          <button type="button" onClick={() => setConfirming(null)}>
                            {t('card.cancel')}
                          </button>
                        </span>
                      ) : (
                        <button
                          type="button"
                          onClick={() => setConfirming(m.id)}
                          aria-label={t('methods.remove', { card: label })}
                        >
                          ✕
                        </button>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </SectionBox>
  );
}
