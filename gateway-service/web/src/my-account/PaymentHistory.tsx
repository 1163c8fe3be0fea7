import { Link } from 'react-router';
import type { Page, Payment, Section } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { SectionBox } from '../ui/Section';
import { ErrorMessage } from '../ui/States';
import { StatusBadge } from '../ui/StatusBadge';
import { usePaymentPages } from './api';

interface Props {
  accountId: string;
  section: Section<Page<Payment>> | undefined;
  currency: string;
  loading: boolean;
  error: unknown;
}

/**
 * Which invoices a payment paid, by number when the answer names them, else how many; null for a
 * settled payment that paid none (all of it went to credit).
 */
export function invoicesPaid(p: Payment): string | null {
  if (p.invoices?.length) return p.invoices.map((i) => i.number).join(', ');
  if (p.allocations?.length) return String(p.allocations.length);
  if (p.status === 'succeeded' && p.invoices) return null;
  return '–';
}

export function PaymentHistory({ accountId, section, loading, error }: Props) {
  const { t } = useI18n();
  return (
    <SectionBox
      id="payments"
      title={t('payments.title')}
      section={section}
      loading={loading}
      error={error}
      isEmpty={(page) => page.items.length === 0}
      empty={t('payments.none')}
    >
      {(first) => <PaymentTable accountId={accountId} first={first} />}
    </SectionBox>
  );
}

function PaymentTable({ accountId, first }: { accountId: string; first: Page<Payment> }) {
  const { t, money, dateTime } = useI18n();
  const pages = usePaymentPages(accountId, first);
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? first.items;
  return (
    <>
      <div className="table-scroll" role="region" aria-labelledby="payments-title" tabIndex={0}>
        <table data-testid="payment-table">
          <thead>
            <tr>
              <th scope="col">{t('payments.date')}</th>
              <th scope="col" className="num">
                {t('payments.amount')}
              </th>
              <th scope="col">{t('payments.method')}</th>
              <th scope="col">{t('payments.status')}</th>
              <th scope="col">{t('payments.invoices')}</th>
              <th scope="col">{t('payments.receipt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>{dateTime(p.createdAt)}</td>
                <td className="num">{money(p.amount, p.currency)}</td>
                <td>{p.method ?? '–'}</td>
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td>{invoicesPaid(p) ?? t('receipt.toCredit')}</td>
                <td>
                  <Link to={`/accounts/${accountId}/payments/${p.id}`}>{t('payments.receipt')}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages.isError && <ErrorMessage error={pages.error} />}
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {t('payments.more')}
        </button>
      )}
    </>
  );
}
