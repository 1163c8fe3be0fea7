import type { AccountFieldValue, AccountSummary, Section } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { SectionBox } from '../ui/Section';
import { StatusBadge } from '../ui/StatusBadge';

interface Props {
  section: Section<AccountSummary> | undefined;
  /** The admin-defined fields that have a value on this account; shown when billing answered them. */
  fields?: Section<AccountFieldValue[]>;
  loading: boolean;
  error: unknown;
}

export function Summary({ section, fields, loading, error }: Props) {
  const { t, money, date, instantDate, locale } = useI18n();
  const shown = fields?.status === 'ok' ? (fields.data ?? []).filter((f) => f.value !== null && f.value !== '') : [];
  const display = (f: AccountFieldValue) =>
    f.type === 'date'
      ? date(f.value)
      : f.type === 'number'
        ? new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format(Number(f.value))
        : f.value;
  return (
    <SectionBox id="summary" title={t('summary.title')} section={section} loading={loading} error={error}>
      {(a) => (
        <dl className="summary" data-testid="summary">
          <div>
            <dt>{t('summary.name')}</dt>
            <dd data-field="name">{a.name}</dd>
          </div>
          {a.status !== 'active' && (
            <div>
              <dt>{t('accounts.status')}</dt>
              <dd data-field="status">
                <StatusBadge status={a.status} />
              </dd>
            </div>
          )}
          <div>
            <dt>{t('summary.number')}</dt>
            <dd data-field="accountNumber">{a.accountNumber}</dd>
          </div>
          <div>
            <dt>{t('summary.balance')}</dt>
            <dd data-field="balance">{money(a.balance, a.currency)}</dd>
          </div>
          <div>
            <dt>{t('summary.credit')}</dt>
            <dd data-field="creditBalance">{money(a.creditBalance, a.currency)}</dd>
          </div>
          <div>
            <dt>{t('summary.lastPayment')}</dt>
            <dd data-field="lastPaymentAmount">{money(a.lastPaymentAmount, a.currency)}</dd>
          </div>
          <div>
            <dt>{t('summary.lastPaymentDate')}</dt>
            <dd data-field="lastPaymentAt">{instantDate(a.lastPaymentAt)}</dd>
          </div>
          <div>
            <dt>{t('summary.lastInvoiceDate')}</dt>
            <dd data-field="lastInvoiceDate">{date(a.lastInvoiceDate)}</dd>
          </div>
          {shown.map((f) => (
            <div key={f.name}>
              <dt>{f.label}</dt>
              <dd data-field={`field-${f.name}`}>{display(f)}</dd>
            </div>
          ))}
        </dl>
      )}
    </SectionBox>
  );
}
