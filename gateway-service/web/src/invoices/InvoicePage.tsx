import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { get } from '../api/client';
import type { Invoice, InvoiceDetail } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { Loading, PageError, PageTitle } from '../ui/States';
import { StatusBadge } from '../ui/StatusBadge';

type InvoiceAnswer = InvoiceDetail | { invoice: Invoice; lines: InvoiceDetail['lines'] };

/** billing answers one invoice as {invoice, lines}; take that and a flat invoice alike. */
export function normalizeInvoice(answer: InvoiceAnswer): InvoiceDetail {
  if ('invoice' in answer) return { ...answer.invoice, lines: answer.lines };
  return answer;
}

/** One invoice: its numbers, its lines, and the PDF shown in the page (and downloadable). */
export function InvoicePage() {
  const { accountId = '', invoiceId = '' } = useParams();
  const { t, money, date } = useI18n();
  const invoice = useQuery({
    queryKey: ['account', accountId, 'invoice', invoiceId],
    queryFn: async ({ signal }) =>
      normalizeInvoice(await get<InvoiceAnswer>(`/api/accounts/${accountId}/invoices/${invoiceId}`, signal)),
  });
  if (invoice.isPending) return <Loading />;
  if (invoice.isError) return <PageError error={invoice.error} onRetry={() => void invoice.refetch()} />;
  const i = invoice.data;
  const pdf = `/api/accounts/${accountId}/invoices/${invoiceId}/pdf`;
  return (
    <>
      <p className="crumbs">
        <Link to={`/accounts/${accountId}/my-account`}>{t('tab.my-account')}</Link>
      </p>
      <PageTitle>{t('invoice.title', { number: i.number })}</PageTitle>
      <dl className="summary">
        <div>
          <dt>{t('invoices.date')}</dt>
          <dd>{date(i.invoiceDate)}</dd>
        </div>
        <div>
          <dt>{t('invoices.due')}</dt>
          <dd>{date(i.dueDate)}</dd>
        </div>
        <div>
          <dt>{t('invoices.amount')}</dt>
          <dd>{money(i.amount, i.currency)}</dd>
        </div>
        <div>
          <dt>{t('invoices.balance')}</dt>
          <dd>{money(i.balance, i.currency)}</dd>
        </div>
        <div>
          <dt>{t('invoices.status')}</dt>
          <dd>
            <StatusBadge status={i.status} />
          </dd>
        </div>
      </dl>
      <p className="actions">
        <a className="button" href={`${pdf}?download=true`} download>
          {t('invoice.downloadPdf')}
        </a>
        {Number(i.balance) > 0 && (
          <Link className="button primary" to={`/accounts/${accountId}/invoices/${invoiceId}/pay`}>
            {t('invoices.pay', { number: i.number })}
          </Link>
        )}
      </p>
      {i.lines && i.lines.length > 0 && (
        <table className="receipt-lines">
          <caption>{t('invoice.lines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('invoice.description')}</th>
              <th scope="col" className="num">
                {t('payments.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {i.lines.map((line, n) => (
              <tr key={n}>
                <td>{line.description}</td>
                <td className="num">{money(line.amount, i.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <iframe className="pdf" src={pdf} title={t('invoice.pdf', { number: i.number })} data-testid="invoice-pdf" />
    </>
  );
}
