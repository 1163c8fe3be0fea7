import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { get } from '../api/client';
import type { Decimal, Payment } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { Loading, PageError, PageTitle } from '../ui/States';
import { StatusBadge } from '../ui/StatusBadge';

type ReceiptAnswer = Payment | { payment: Payment; invoices: { invoiceId: string; number: string; amount: Decimal }[] };

/** billing answers a payment with the invoices it paid; take either shape the BFF passes on. */
export function normalizeReceipt(answer: ReceiptAnswer): Payment {
  if ('payment' in answer) return { ...answer.payment, invoices: answer.invoices };
  return answer;
}

export function ReceiptPage() {
  const { accountId = '', paymentId = '' } = useParams();
  const { t, money, dateTime } = useI18n();
  const receipt = useQuery({
    queryKey: ['account', accountId, 'payment', paymentId],
    queryFn: async ({ signal }) =>
      normalizeReceipt(await get<ReceiptAnswer>(`/api/accounts/${accountId}/payments/${paymentId}`, signal)),
    // a pending payment (the processor has not answered) is polled until it resolves
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 2000 : false),
  });
  if (receipt.isPending) return <Loading />;
  if (receipt.isError) return <PageError error={receipt.error} onRetry={() => void receipt.refetch()} />;
  const p = receipt.data;
  return (
    <>
      <PageTitle>{p.status === 'pending' ? t('pay.pending') : t('receipt.title')}</PageTitle>
      <div aria-live="polite" data-testid="receipt">
        {p.status === 'pending' && <p className="state">{t('receipt.pending')}</p>}
        {p.status === 'failed' && <p className="state error">{t('receipt.failed')}</p>}
        <dl className="summary">
          <div>
            <dt>{t('payments.amount')}</dt>
            <dd data-field="amount">{money(p.amount, p.currency)}</dd>
          </div>
          <div>
            <dt>{t('payments.date')}</dt>
            <dd>{dateTime(p.createdAt)}</dd>
          </div>
          <div>
            <dt>{t('payments.status')}</dt>
            <dd>
              <StatusBadge status={p.status} />
            </dd>
          </div>
          {p.method && (
            <div>
              <dt>{t('payments.method')}</dt>
              <dd>{p.method}</dd>
            </div>
          )}
          <div>
            <dt>{t('receipt.reference')}</dt>
            <dd className="mono">{p.id}</dd>
          </div>
          {p.toCredit !== undefined && p.toCredit !== null && Number(p.toCredit) > 0 && (
            <div>
              <dt>{t('receipt.toCredit')}</dt>
              <dd>{money(p.toCredit, p.currency)}</dd>
            </div>
          )}
        </dl>
        {(p.invoices?.length ?? p.allocations?.length ?? 0) > 0 && (
          <table className="receipt-lines">
            <caption>{t('payments.invoices')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invoices.number')}</th>
                <th scope="col" className="num">
                  {t('payments.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {(p.invoices ?? p.allocations?.map((a) => ({ ...a, number: a.invoiceId })) ?? []).map((line) => (
                <tr key={line.invoiceId}>
                  <th scope="row">
                    <Link to={`/accounts/${accountId}/invoices/${line.invoiceId}`}>{line.number}</Link>
                  </th>
                  <td className="num">{money(line.amount, p.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <p>
        <Link to={`/accounts/${accountId}/my-account`}>{t('receipt.myAccount')}</Link>
      </p>
    </>
  );
}
