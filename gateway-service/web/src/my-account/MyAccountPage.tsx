import { useParams } from 'react-router';
import { useI18n } from '../i18n/I18n';
import { PageError, PageTitle } from '../ui/States';
import { useMyAccount } from './api';
import { Summary } from './Summary';
import { InvoiceHistory } from './InvoiceHistory';
import { PaymentMethods } from './PaymentMethods';
import { PaymentHistory } from './PaymentHistory';
import { Contacts } from './Contacts';

export function MyAccountPage() {
  const { accountId = '' } = useParams();
  const { t } = useI18n();
  const screen = useMyAccount(accountId);
  // a refusal of the whole screen (another person's account, no My Account grant) is the page's answer
  if (screen.error && 'status' in screen.error && [403, 404].includes((screen.error as { status: number }).status)) {
    return <PageError error={screen.error} />;
  }
  const common = { loading: screen.isPending, error: screen.error };
  const data = screen.data;
  const currency = data?.account.data?.currency ?? data?.invoices.data?.items[0]?.currency ?? 'USD';
  return (
    <>
      <PageTitle>{t('tab.my-account')}</PageTitle>
      <Summary section={data?.account} fields={data?.fields} {...common} />
      <InvoiceHistory
        accountId={accountId}
        section={data?.invoices}
        canPay={data?.permissions.pay ?? false}
        {...common}
      />
      <PaymentMethods
        accountId={accountId}
        section={data?.paymentMethods}
        canManage={data?.permissions.managePaymentMethods ?? false}
        {...common}
      />
      <PaymentHistory accountId={accountId} section={data?.payments} currency={currency} {...common} />
      <Contacts
        accountId={accountId}
        section={data?.contacts}
        canEdit={data?.permissions.editContacts ?? false}
        {...common}
      />
    </>
  );
}
