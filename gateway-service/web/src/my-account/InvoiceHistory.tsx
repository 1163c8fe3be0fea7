import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Invoice, Page, Section } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { SectionBox } from '../ui/Section';
import { ErrorMessage } from '../ui/States';
import { StatusBadge } from '../ui/StatusBadge';
import { NO_FILTER, useInvoicePages, type InvoiceFilter } from './api';

interface Props {
  accountId: string;
  section: Section<Page<Invoice>> | undefined;
  canPay: boolean;
  loading: boolean;
  error: unknown;
}

export function InvoiceHistory({ accountId, section, canPay, loading, error }: Props) {
  const { t } = useI18n();
  return (
    <SectionBox id="invoices" title={t('invoices.title')} section={section} loading={loading} error={error}>
      {(first) => <InvoiceTable accountId={accountId} first={first} canPay={canPay} />}
    </SectionBox>
  );
}

function InvoiceTable({ accountId, first, canPay }: { accountId: string; first: Page<Invoice>; canPay: boolean }) {
  const { t, money, date } = useI18n();
  const [filter, setFilter] = useState<InvoiceFilter>(NO_FILTER);
  const pages = useInvoicePages(accountId, filter, first);
  const ids = useId();
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setFilter({
      status: String(form.get('status') ?? ''),
      from: String(form.get('from') ?? ''),
      to: String(form.get('to') ?? ''),
    });
  };
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <form className="filters" onSubmit={apply} aria-label={t('invoices.filter')}>
        <label htmlFor={`${ids}-status`}>{t('invoices.status')}</label>
        <select id={`${ids}-status`} name="status" defaultValue="">
          <option value="">{t('invoices.anyStatus')}</option>
          {(['open', 'overdue', 'paid', 'void'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-from`}>{t('invoices.from')}</label>
        <input id={`${ids}-from`} name="from" type="date" />
        <label htmlFor={`${ids}-to`}>{t('invoices.to')}</label>
        <input id={`${ids}-to`} name="to" type="date" />
        <button type="submit">{t('invoices.apply')}</button>
      </form>
      {pages.isError && <ErrorMessage error={pages.error} onRetry={() => void pages.refetch()} />}
      {pages.isPending && !pages.isError && <p role="status">{t('app.loading')}</p>}
      {pages.data && rows.length === 0 && <p className="state empty">{t('invoices.none')}</p>}
      {rows.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="invoices-title" tabIndex={0}>
          <table data-testid="invoice-table">
            <thead>
              <tr>
                <th scope="col">{t('invoices.number')}</th>
                <th scope="col">{t('invoices.date')}</th>
                <th scope="col">{t('invoices.due')}</th>
                <th scope="col" className="num">
                  {t('invoices.amount')}
                </th>
                <th scope="col" className="num">
                  {t('invoices.balance')}
                </th>
                <th scope="col">{t('invoices.status')}</th>
                <th scope="col">{t('invoices.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    <Link
                      to={`/accounts/${accountId}/invoices/${i.id}`}
                      aria-label={t('invoices.view', { number: i.number })}
                    >
                      {i.number}
                    </Link>
                  </th>
                  <td>{date(i.invoiceDate)}</td>
                  <td>{date(i.dueDate)}</td>
                  <td className="num">{money(i.amount, i.currency)}</td>
                  <td className="num">{money(i.balance, i.currency)}</td>
                  <td>
                    <StatusBadge status={i.status} />
                  </td>
                  <td className="row-actions">
                    <a
                      href={`/api/accounts/${accountId}/invoices/${i.id}/pdf?download=true`}
                      download
                      aria-label={t('invoices.download', { number: i.number })}
                    >
                      PDF
                    </a>
                    {canPay && Number(i.balance) > 0 && (
                      <Link
                        to={`/accounts/${accountId}/invoices/${i.id}/pay`}
                        aria-label={t('invoices.pay', { number: i.number })}
                      >
                        {t('shell.pay')}
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {t('invoices.more')}
        </button>
      )}
    </>
  );
}
