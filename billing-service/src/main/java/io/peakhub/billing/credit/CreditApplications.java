package io.peakhub.billing.credit;

import io.peakhub.billing.account.AccountSummaries;
import io.peakhub.billing.account.AccountSummary;
import io.peakhub.billing.account.Accounts;
import io.peakhub.billing.account.BillingAccount;
import io.peakhub.billing.invoice.InvoiceBalances;
import io.peakhub.platform.idempotency.IdempotencyKey;
import io.peakhub.platform.idempotency.IdempotentReplay;
import io.peakhub.platform.money.Money;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.security.CurrentUser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies the account's credit balance (earlier overpayments, credit notes) to open invoices, in
 * one transaction under the account's lock: all the chosen invoices or none. A retry with the same
 * Idempotency-Key answers the first application and changes nothing.
 */
@Service
class CreditApplications {

  record Request(String currency, List<Part> invoices) {

    record Part(UUID invoiceId, BigDecimal amount) {}

    String canonical() {
      StringBuilder sb = new StringBuilder(currency);
      invoices.forEach(
          p ->
              sb.append('|')
                  .append(p.invoiceId())
                  .append('=')
                  .append(p.amount().stripTrailingZeros().toPlainString()));
      return sb.toString();
    }
  }

  /**
   * The application and the account's numbers after it; {@code replayed} when the key had been used
   * before.
   */
  record Applied(
      UUID id,
      UUID accountId,
      BigDecimal amount,
      String currency,
      Instant appliedAt,
      List<CreditApplicationRepository.Line> invoices,
      AccountSummary account,
      boolean replayed) {}

  private final Accounts accounts;
  private final AccountSummaries summaries;
  private final InvoiceBalances balances;
  private final CreditApplicationRepository applications;
  private final Clock clock;

  CreditApplications(
      Accounts accounts,
      AccountSummaries summaries,
      InvoiceBalances balances,
      CreditApplicationRepository applications,
      Clock clock) {
    this.accounts = accounts;
    this.summaries = summaries;
    this.balances = balances;
    this.applications = applications;
    this.clock = clock;
  }

  @Transactional
  public Applied apply(UUID accountId, String idempotencyKey, Request request) {
    BillingAccount account = accounts.lock(accountId);
    String hash = IdempotencyKey.fingerprint(request.canonical());
    return IdempotentReplay.replayOrRun(
        hash,
        () -> applications.findByKey(accountId, idempotencyKey),
        CreditApplicationRepository.Stored::requestHash,
        "credit application",
        p ->
            new Applied(
                p.id(),
                accountId,
                p.amount(),
                p.currency(),
                p.appliedAt(),
                lines(p.id()),
                summaries.of(accountId),
                true),
        () -> applyFirst(account, idempotencyKey, hash, request));
  }

  private Applied applyFirst(
      BillingAccount account, String idempotencyKey, String hash, Request request) {
    UUID accountId = account.id();
    account.requireActive("no changes are allowed");
    if (!account.currency().equals(request.currency())) {
      throw new InvalidInputException(
          "currency",
          "This account is billed in " + account.currency() + ", not " + request.currency() + ".");
    }
    List<CreditApplicationRepository.Line> lines = new ArrayList<>();
    Set<UUID> seen = new HashSet<>();
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < request.invoices().size(); i++) {
      var part = request.invoices().get(i);
      String field = "invoices[" + i + "]";
      if (!seen.add(part.invoiceId())) {
        throw new InvalidInputException(
            field + ".invoiceId", "Invoice " + part.invoiceId() + " is listed twice.");
      }
      BigDecimal amount = Money.positive(field + ".amount", part.amount(), account.currency());
      BigDecimal balance =
          balances
              .lockBalance(accountId, part.invoiceId())
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          field + ".invoiceId",
                          "Invoice "
                              + part.invoiceId()
                              + " is not an open invoice of this account."));
      if (amount.compareTo(balance) > 0) {
        throw new InvalidInputException(
            field + ".amount",
            "'"
                + field
                + ".amount' is more than the invoice's balance of "
                + Money.atScale(balance, account.currency()).toPlainString()
                + ".");
      }
      lines.add(new CreditApplicationRepository.Line(part.invoiceId(), null, amount));
      total = total.add(amount);
    }
    if (total.compareTo(account.creditBalance()) > 0) {
      throw new InvalidInputException(
          "invoices",
          "The amounts add up to "
              + total.toPlainString()
              + ", more than the credit balance of "
              + Money.atScale(account.creditBalance(), account.currency()).toPlainString()
              + ".");
    }
    Instant now = clock.instant();
    CurrentUser user = CurrentUser.get();
    var stored =
        new CreditApplicationRepository.Stored(
            UUID.randomUUID(), accountId, hash, total, account.currency(), now);
    applications.insert(stored, idempotencyKey, user.username(), user.impersonatorId(), lines);
    accounts.setCreditBalance(accountId, account.creditBalance().subtract(total), now);
    lines.forEach(l -> balances.apply(accountId, l.invoiceId(), l.amount(), null));
    AccountSummary after = summaries.changed(accountId, now);
    return new Applied(
        stored.id(), accountId, total, account.currency(), now, lines(stored.id()), after, false);
  }

  /** The application's lines, each with its invoice's number. */
  private List<CreditApplicationRepository.Line> lines(UUID applicationId) {
    List<CreditApplicationRepository.Line> lines = applications.lines(applicationId);
    var refs =
        balances.refs(lines.stream().map(CreditApplicationRepository.Line::invoiceId).toList());
    return lines.stream()
        .map(
            l ->
                new CreditApplicationRepository.Line(
                    l.invoiceId(), refs.get(l.invoiceId()).number(), l.amount()))
        .toList();
  }
}
