import { Link, useParams } from 'react-router';
import { Problem } from '../api/client';
import type { MySubscriptions, Subscription } from '../api/types';
import { useI18n } from '../i18n/I18n';
import type { MessageKey } from '../i18n/messages';
import { runningFirst } from '../lib/subscriptions';
import { SectionBox } from '../ui/Section';
import { PageError, PageTitle } from '../ui/States';
import { StatusBadge } from '../ui/StatusBadge';
import { useMySubscriptions } from './api';

export function periodKey(period: string): MessageKey | null {
  return period === 'monthly' || period === 'quarterly' || period === 'annual' ? `subs.per.${period}` : null;
}

export function MySubscriptionsPage() {
  const { accountId = '' } = useParams();
  const { t } = useI18n();
  const screen = useMySubscriptions(accountId);
  if (screen.error instanceof Problem && [403, 404].includes(screen.error.status)) {
    return <PageError error={screen.error} />;
  }
  const common = { loading: screen.isPending, error: screen.error };
  const data = screen.data;
  return (
    <>
      <PageTitle>{t('tab.subscriptions')}</PageTitle>
      {data && !data.accountActive && (
        <p className="warning" role="note">
          {t('subs.inactive')}
        </p>
      )}
      <Totals section={data?.totals} {...common} />
      <SectionBox
        id="subscriptions"
        title={t('subs.list')}
        section={data?.subscriptions}
        isEmpty={(list) => list.length === 0}
        empty={t('subs.none')}
        {...common}
      >
        {(list) => <SubscriptionTable accountId={accountId} list={runningFirst(list)} />}
      </SectionBox>
    </>
  );
}

function Totals({ section, loading, error }: { section: MySubscriptions['totals'] | undefined } & Common) {
  const { t, money } = useI18n();
  return (
    <SectionBox id="subscription-totals" title={t('subs.totals')} section={section} loading={loading} error={error}>
      {(totals) => (
        <dl className="summary" data-testid="subscription-totals">
          <div>
            <dt>{t('subs.activeCount')}</dt>
            <dd data-field="activeSubscriptions">{totals.activeSubscriptions}</dd>
          </div>
          <div>
            <dt>{t('subs.mrr')}</dt>
            <dd data-field="monthlyRecurringRevenue">
              {totals.currency ? money(totals.monthlyRecurringRevenue, totals.currency) : '–'}
            </dd>
          </div>
        </dl>
      )}
    </SectionBox>
  );
}

interface Common {
  loading: boolean;
  error: unknown;
}

function SubscriptionTable({ accountId, list }: { accountId: string; list: Subscription[] }) {
  const { t, money, date } = useI18n();
  return (
    <div className="table-scroll" role="region" aria-labelledby="subscriptions-title" tabIndex={0}>
      <table data-testid="subscription-table">
        <thead>
          <tr>
            <th scope="col">{t('subs.number')}</th>
            <th scope="col">{t('subs.plan')}</th>
            <th scope="col" className="num">
              {t('subs.quantity')}
            </th>
            <th scope="col" className="num">
              {t('subs.price')}
            </th>
            <th scope="col">{t('subs.term')}</th>
            <th scope="col">{t('subs.nextRenewal')}</th>
            <th scope="col">{t('subs.status')}</th>
            <th scope="col" className="num">
              {t('subs.mrr')}
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((s) => {
            const per = periodKey(s.billingPeriod);
            return (
              <tr key={s.id} data-number={s.number}>
                <th scope="row">
                  <Link
                    to={`/accounts/${accountId}/subscriptions/${s.id}`}
                    aria-label={t('subs.open', { number: s.number })}
                  >
                    {s.number}
                  </Link>
                </th>
                <td>{s.planName}</td>
                <td className="num" data-field="quantity">
                  {s.quantity}
                </td>
                <td className="num">
                  {money(s.unitPrice, s.currency)}
                  {per && <span className="muted"> {t(per)}</span>}
                </td>
                <td>{s.currentTermStart ? `${date(s.currentTermStart)} – ${date(s.currentTermEnd)}` : '–'}</td>
                <td>{date(s.nextRenewalDate)}</td>
                <td>
                  <StatusBadge status={s.status} />
                  {s.cancelAtTermEnd && (
                    <span className="muted"> {t('subs.endsOn', { date: date(s.cancellationDate) })}</span>
                  )}
                </td>
                <td className="num" data-field="mrr">
                  {money(s.monthlyRecurringRevenue, s.currency)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
