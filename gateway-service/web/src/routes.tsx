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
import { MySubscriptionsPage } from './subscriptions/MySubscriptionsPage';
import { SubscriptionPage } from './subscriptions/SubscriptionPage';
import { CasesPage } from './cases/CasesPage';
import { CasePage } from './cases/CasePage';
import { NewCasePage } from './cases/NewCasePage';
import { NotFound } from './ui/States';
import { MyListsPage } from './success/MyListsPage';
import { SuccessListPage } from './success/SuccessListPage';
import { SuccessRecordPage } from './success/SuccessRecordPage';
import { NewSuccessRecordPage } from './success/NewSuccessRecordPage';
import { SearchPage as SuccessSearchPage } from './success/SearchPage';
import { ArticlePage } from './success/ArticlePage';
import { EditSuccessRecordPage } from './success/EditSuccessRecordPage';
import { KnowledgePage } from './success/KnowledgePage';
import { ArticleEditorPage } from './success/ArticleEditorPage';
import { HeaderFieldsPage } from './admin/success-header/HeaderFieldsPage';
import { AdminScope } from './admin/AdminScope';
import { UsersPage } from './admin/users/UsersPage';
import { AuditPage } from './admin/audit/AuditPage';
import { AccountsPage } from './admin/accounts/AccountsPage';
import { AccountFormPage } from './admin/accounts/AccountFormPage';
import { ProfilesPage } from './admin/profiles/ProfilesPage';
import { ProfileEditorPage } from './admin/profiles/ProfileEditorPage';
import { ManagersPage } from './admin/account-managers/ManagersPage';
import { ManagerFormPage } from './admin/account-managers/ManagerFormPage';
import { SettingsPage } from './admin/settings/SettingsPage';
import { AccountFieldsPage } from './admin/accounts/AccountFieldsPage';

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
          { path: 'subscriptions', element: <MySubscriptionsPage /> },
          { path: 'subscriptions/:subscriptionId', element: <SubscriptionPage /> },
          { path: 'cases', element: <CasesPage /> },
          { path: 'cases/new', element: <NewCasePage /> },
          { path: 'cases/:caseNumber', element: <CasePage /> },
          { path: 'success', element: <MyListsPage /> },
          { path: 'success/search', element: <SuccessSearchPage /> },
          { path: 'success/:kind', element: <SuccessListPage /> },
          { path: 'success/:kind/new', element: <NewSuccessRecordPage /> },
          { path: 'success/:kind/:number', element: <SuccessRecordPage /> },
          { path: 'success/:kind/:number/edit', element: <EditSuccessRecordPage /> },
          { path: 'success/:kind/:number/articles/:articleId', element: <ArticlePage /> },
          { path: 'knowledge', element: <KnowledgePage /> },
          { path: 'knowledge/new', element: <ArticleEditorPage /> },
          { path: 'knowledge/:articleId', element: <ArticleEditorPage /> },
        ],
      },
      { path: 'customer-accounts', element: <CustomerAccountsPage /> },
      {
        path: 'admin',
        element: <AdminScope />,
        children: [
          { index: true, element: <Navigate to="users" replace /> },
          { path: 'users', element: <UsersPage /> },
          { path: 'account-managers', element: <ManagersPage /> },
          { path: 'account-managers/new', element: <ManagerFormPage /> },
          { path: 'account-managers/:managerId', element: <ManagerFormPage /> },
          { path: 'accounts', element: <AccountsPage /> },
          { path: 'accounts/new', element: <AccountFormPage /> },
          { path: 'accounts/fields', element: <AccountFieldsPage /> },
          { path: 'accounts/:accountId', element: <AccountFormPage /> },
          { path: 'profiles', element: <ProfilesPage /> },
          { path: 'profiles/new', element: <ProfileEditorPage /> },
          { path: 'profiles/:profileId', element: <ProfileEditorPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'success-header', element: <HeaderFieldsPage /> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
