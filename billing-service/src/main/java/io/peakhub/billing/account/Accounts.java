package io.peakhub.billing.account;

import io.peakhub.platform.money.Money;
import io.peakhub.platform.outbox.Outbox;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The account feature's door for the other features: they read an account, take its row lock before
 * a money change and set its credit balance here, never through {@link AccountRepository}.
 */
@Service
public class Accounts {

  /**
   * An admin's account as given: no locale keeps an existing account's own ("en-US" for a new one);
   * no fields keep the values as they are (the demo data and back-office tools send none).
   */
  public record Change(
      String number,
      String name,
      String currency,
      String status,
      String locale,
      Map<String, JsonNode> fields) {}

  private final AccountRepository accounts;
  private final AccountSummaries summaries;
  private final AccountFields fields;
  private final Outbox outbox;
  private final Clock clock;

  Accounts(
      AccountRepository accounts,
      AccountSummaries summaries,
      AccountFields fields,
      Outbox outbox,
      Clock clock) {
    this.accounts = accounts;
    this.summaries = summaries;
    this.fields = fields;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Creates or changes an account (its currency is fixed once it exists; its number and its name,
   * ignoring case and spaces, are unique), sets the field values given, and announces it as
   * AccountUpdated.v1 and its summary as BalanceChanged.v1.
   */
  @Transactional
  public AccountSummary put(UUID accountId, Change change, String by) {
    Money.currency(change.currency());
    Optional<BillingAccount> before = accounts.find(accountId);
    before.ifPresent(
        existing -> {
          if (!existing.currency().equals(change.currency())) {
            throw new InvalidInputException(
                "currency", "An account's currency cannot change once it exists.");
          }
        });
    if (accounts.numberTakenByAnother(accountId, change.number())) {
      throw numberTaken(change.number());
    }
    if (accounts.nameTakenByAnother(accountId, change.name())) {
      throw nameTaken(change.name());
    }
    Instant now = clock.instant();
    String locale =
        change.locale() != null
            ? change.locale()
            : before.map(BillingAccount::locale).orElse("en-US");
    try {
      accounts.upsert(
          accountId,
          change.number(),
          change.name(),
          change.currency(),
          change.status(),
          locale,
          now);
    } catch (DuplicateKeyException raced) {
      // another put committed the same number or name after the checks above: the unique keys
      // decide, and this transaction writes nothing
      String key = AccountRepository.violatedKey(raced).orElse("");
      if (key.equals(AccountRepository.NAME_KEY)) {
        throw nameTaken(change.name());
      }
      if (key.equals(AccountRepository.NUMBER_KEY)) {
        throw numberTaken(change.number());
      }
      throw raced;
    }
    if (change.fields() != null) {
      fields.set(accountId, change.fields(), by);
    }
    BillingAccount stored = accounts.find(accountId).orElseThrow();
    outbox.append(
        AccountSummaries.TOPIC,
        accountId.toString(),
        AccountUpdated.TYPE,
        AccountUpdated.of(stored));
    return summaries.changed(accountId, now);
  }

  private static ConflictException numberTaken(String number) {
    return new ConflictException(
        "duplicate-account-number", "Account number " + number + " is taken.", "number");
  }

  private static ConflictException nameTaken(String name) {
    return new ConflictException(
        "account-name-taken",
        "Another account is already named "
            + name.strip()
            + ". Account names must differ by more than case or spaces.",
        "name");
  }

  public Optional<BillingAccount> find(UUID accountId) {
    return accounts.find(accountId);
  }

  /** The account; 404 when there is none. */
  public BillingAccount get(UUID accountId) {
    return accounts.find(accountId).orElseThrow(() -> new NotFoundException("Account", accountId));
  }

  /**
   * Locks the account row for the rest of the caller's transaction: every money change of one
   * account is serialised here. 404 when there is none.
   */
  public BillingAccount lock(UUID accountId) {
    return lockIfExists(accountId).orElseThrow(() -> new NotFoundException("Account", accountId));
  }

  /** As {@link #lock}, for a caller that answers a missing account its own way. */
  public Optional<BillingAccount> lockIfExists(UUID accountId) {
    return accounts.lock(accountId);
  }

  /**
   * Locks the account and refuses (409 account-inactive, "...: {@code what}") when it is inactive.
   */
  public BillingAccount lockActive(UUID accountId, String what) {
    return lock(accountId).requireActive(what);
  }

  /** Sets the credit balance of an account the caller has locked. */
  public void setCreditBalance(UUID accountId, BigDecimal credit, Instant now) {
    accounts.setCreditBalance(accountId, credit, now);
  }
}
