package io.peakhub.bff.screen;

import io.peakhub.bff.downstream.AccountSummary;
import io.peakhub.bff.downstream.BillingClient;
import io.peakhub.bff.downstream.BillingViews.AccountFieldValue;
import io.peakhub.bff.downstream.BillingViews.Contacts;
import io.peakhub.bff.downstream.BillingViews.Invoice;
import io.peakhub.bff.downstream.BillingViews.InvoicePage;
import io.peakhub.bff.downstream.BillingViews.PaymentMethod;
import io.peakhub.bff.downstream.BillingViews.PaymentPage;
import io.peakhub.bff.downstream.DownstreamSettings;
import io.peakhub.bff.summary.AccountSummaries;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.AccountScope;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.concurrent.Futures;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * One call per screen: My Account (summary, first invoices, payment methods, first payments,
 * contacts, and what the profile allows) and Pay Invoice. The parts are fetched at the same time,
 * so the screen waits for the slowest, at most the downstream time limit.
 */
@RestController
class MyAccountController {

  static final int FIRST_PAGE = 10;
  static final int MAX_OPEN_INVOICE_PAGES = 10;

  record AccountPart(
      UUID accountId,
      String accountNumber,
      String name,
      String currency,
      String status,
      BigDecimal balance,
      BigDecimal creditBalance,
      BigDecimal lastPaymentAmount,
      Instant lastPaymentAt,
      LocalDate lastInvoiceDate) {}

  record Permissions(boolean pay, boolean managePaymentMethods, boolean editContacts) {}

  record MyAccountView(
      Section<AccountPart> account,
      Section<InvoicePage> invoices,
      Section<List<PaymentMethod>> paymentMethods,
      Section<PaymentPage> payments,
      Section<Contacts> contacts,
      Permissions permissions,
      Section<List<AccountFieldValue>> fields) {}

  record PayView(
      String currency,
      BigDecimal balance,
      BigDecimal creditBalance,
      List<Invoice> openInvoices,
      List<PaymentMethod> paymentMethods,
      boolean canPay) {}

  private final AccountAccess access;
  private final AccountSummaries summaries;
  private final BillingClient billing;
  private final ExecutorService executor;
  private final Duration limit;

  MyAccountController(
      AccountAccess access,
      AccountSummaries summaries,
      BillingClient billing,
      @Qualifier("downstreamExecutor") ExecutorService executor,
      DownstreamSettings settings) {
    this.access = access;
    this.summaries = summaries;
    this.billing = billing;
    this.executor = executor;
    // a little over the per-call limit: the call's own time limit answers first, with its reason
    this.limit = settings.timeout().plusSeconds(1);
  }

  @GetMapping("/api/accounts/{accountId}/my-account")
  MyAccountView myAccount(@PathVariable UUID accountId) {
    access.require(accountId.toString(), Area.my_account, Level.view);
    AccountScope scope = access.currentUserScope();
    var account = async(() -> part(summaries.get(accountId)));
    var invoices =
        async(() -> billing.invoices(accountId, Map.of("limit", Integer.toString(FIRST_PAGE))));
    var methods = async(() -> billing.paymentMethods(accountId));
    var payments =
        async(() -> billing.payments(accountId, Map.of("limit", Integer.toString(FIRST_PAGE))));
    var contacts = async(() -> billing.contacts(accountId));
    var fields = async(() -> billing.accountFields(accountId));
    boolean edit = scope.grant(Area.my_account).allows(Level.edit);
    return new MyAccountView(
        Section.of("account", account, limit),
        Section.of("invoices", invoices, limit),
        Section.of("paymentMethods", methods, limit),
        Section.of("payments", payments, limit),
        Section.of("contacts", contacts, limit),
        new Permissions(scope.grant(Area.pay_invoices).allows(Level.create), edit, edit),
        Section.of("fields", fields, limit));
  }

  /**
   * Pay Invoice needs the open invoices and the saved methods: without billing there is nothing to
   * pay (503).
   */
  @GetMapping("/api/accounts/{accountId}/pay")
  PayView pay(@PathVariable UUID accountId) {
    var grant = access.require(accountId.toString(), Area.pay_invoices, Level.view);
    var methods = async(() -> billing.paymentMethods(accountId));
    var open = async(() -> openInvoices(accountId));
    AccountSummary s = summaries.get(accountId);
    return new PayView(
        s.currency(),
        s.balance(),
        s.creditBalance(),
        Futures.joined(open),
        Futures.joined(methods),
        grant.allows(Level.create) && "active".equals(s.status()) && s.balance().signum() > 0);
  }

  private List<Invoice> openInvoices(UUID accountId) {
    var all = new ArrayList<Invoice>();
    String after = null;
    for (int page = 0; page < MAX_OPEN_INVOICE_PAGES; page++) {
      var query =
          new LinkedHashMap<String, String>(
              Map.of("status", "open", "sort", "dueDate,asc", "limit", "100"));
      if (after != null) {
        query.put("after", after);
      }
      InvoicePage result = billing.invoices(accountId, query);
      all.addAll(result.items());
      after = result.next();
      if (after == null) {
        break;
      }
    }
    return all;
  }

  private <T> CompletableFuture<T> async(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, executor);
  }

  private static AccountPart part(AccountSummary s) {
    return new AccountPart(
        s.accountId(),
        s.accountNumber(),
        s.name(),
        s.currency(),
        s.status(),
        s.balance(),
        s.creditBalance(),
        s.lastPaymentAmount(),
        s.lastPaymentAt(),
        s.lastInvoiceDate());
  }
}
