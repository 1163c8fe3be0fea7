import { createBrowserRouter, Navigate } from 'react-router';
import { Shell, Landing } from './shell/Shell';
import { AccountScope } from './shell/AccountScope';
import { MyAccountPage } from './my-account/MyAccountPage';
import { InvoicePage } from './invoices/InvoicePage';
import { PayPage } from './pay/PayPage';
import { ReceiptPage } from './payments/ReceiptPage';
import { NewPaymentMethodPage } from './payment-methods/NewPaymentMethodPage';
import { EditContactsPage } from './contacts/EditContactsPage';
import { CustomerAccountsPage } from './customer-accounts/CustomerAccountsPage';
import { ComingSoon } from './ui/ComingSoon';
import { CasesPage } from './cases/CasesPage';
import { CasePage } from './cases/CasePage';
import { NewCasePage } from './cases/NewCasePage';
import { NotFound } from './ui/States';

// The screens and their URLs (BFF-CONTRACT.md): every one opens from a link.
export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { index: true, element: <Landing /> },
      {
        path: 'accounts/:accountId',
        element: <AccountScope />,
        children: [
          { index: true, element: <Navigate to="my-account" replace /> },
          { path: 'my-account', element: <MyAccountPage /> },
          { path: 'invoices/:invoiceId', element: <InvoicePage /> },
          { path: 'invoices/:invoiceId/pay', element: <PayPage /> },
          { path: 'pay', element: <PayPage /> },
          { path: 'payments/:paymentId', element: <ReceiptPage /> },
          { path: 'payment-methods/new', element: <NewPaymentMethodPage /> },
          { path: 'contacts/edit', element: <EditContactsPage /> },
          { path: 'subscriptions', element: <ComingSoon tab="subscriptions" /> },
          { path: 'cases', element: <CasesPage /> },
          { path: 'cases/new', element: <NewCasePage /> },
          { path: 'cases/:caseNumber', element: <CasePage /> },
        ],
      },
      { path: 'customer-accounts', element: <CustomerAccountsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
