import type { AccountSummary, Section } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { SectionBox } from '../ui/Section';

interface Props {
  section: Section<AccountSummary> | undefined;
  loading: boolean;
  error: unknown;
}

export function Summary({ section, loading, error }: Props) {
  const { t, money, date, instantDate } = useI18n();
  return (
    <SectionBox id="summary" title={t('summary.title')} section={section} loading={loading} error={error}>
      {(a) => (
        <dl className="summary" data-testid="summary">
          <div>
            <dt>{t('summary.name')}</dt>
            <dd data-field="name">{a.name}</dd>
          </div>
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
        </dl>
      )}
    </SectionBox>
  );
}
