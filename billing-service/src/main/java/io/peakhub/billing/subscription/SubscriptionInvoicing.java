package io.peakhub.billing.subscription;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.peakhub.billing.account.AccountSummaries;
import io.peakhub.billing.account.Accounts;
import io.peakhub.billing.account.BillingAccount;
import io.peakhub.billing.invoice.InvoiceIssuer;
import io.peakhub.billing.invoice.InvoiceLines;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.money.Money;
import io.peakhub.platform.outbox.ProcessedEvents;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bills subscription-service's events that move money (a new term, a change billed now, a
 * cancellation's credit, a resume into a new term, a renewal) from the lines they carry, never
 * recomputing them: the invoice shows the same numbers the customer's preview did. The lines due
 * now (kinds {@code charge} and {@code credit}; {@code next_renewal} is only information) become
 * one invoice when they add up to more than zero; a net credit (a downgrade, a cancellation) is
 * added to the account's credit balance, which the customer applies to invoices like any other
 * credit. Each event is applied once (processed_event, and subscription_charge keyed by event id);
 * an event billing cannot bill (unknown account, another currency, lines that do not add up) is
 * logged and, after the platform's retries, left in {@code subscription.subscription-dlt}.
 */
@Component
public class SubscriptionInvoicing {

  static final String CONSUMER = "billing.subscription-invoicing";
  static final String BY = "system:subscription-invoicing";
  private static final Logger log = LoggerFactory.getLogger(SubscriptionInvoicing.class);
  private static final Set<String> BILLED =
      Set.of(
          "SubscriptionCreated",
          "SubscriptionChanged",
          "SubscriptionCancelled",
          "SubscriptionResumed",
          "SubscriptionRenewed");
  private static final Set<String> DUE_NOW = Set.of("charge", "credit");
  private static final Set<String> KINDS = Set.of("charge", "credit", "next_renewal");

  /** Amounts exactly as written (a double would round a 16-digit amount). */
  private static final JsonMapper EXACT =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Subscription(
      UUID id, UUID accountId, String number, String currency, LocalDate currentTermStart) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ChargeLine(
      String kind, String description, Integer quantity, BigDecimal unitPrice, BigDecimal amount) {}

  /** The fields billing reads from any of the billed events; each event fills the ones it has. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ChargeEvent(
      Subscription subscription,
      List<ChargeLine> lines,
      BigDecimal amountDueNow,
      BigDecimal amountDue,
      LocalDate effectiveDate,
      LocalDate resumedOn,
      LocalDate termStart) {}

  /**
   * A subscription event billing cannot bill: it is not retried into success, so it ends in the
   * dead-letter topic.
   */
  static class UnbillableEvent extends RuntimeException {
    UnbillableEvent(EventEnvelope event, String why) {
      super(
          "subscription event " + event.id() + " (" + event.type() + ") cannot be billed: " + why);
    }
  }

  private final JdbcClient jdbc;
  private final ProcessedEvents processed;
  private final Accounts accounts;
  private final AccountSummaries summaries;
  private final InvoiceIssuer issuer;
  private final Clock clock;
  private final Period paymentTerms;

  SubscriptionInvoicing(
      JdbcClient jdbc,
      ProcessedEvents processed,
      Accounts accounts,
      AccountSummaries summaries,
      InvoiceIssuer issuer,
      Clock clock,
      @Value("${peakhub.billing.subscription-invoices.payment-terms:P14D}") Period paymentTerms) {
    this.jdbc = jdbc;
    this.processed = processed;
    this.accounts = accounts;
    this.summaries = summaries;
    this.issuer = issuer;
    this.clock = clock;
    this.paymentTerms = paymentTerms;
  }

  // its own group: every event reaches it, whatever ActiveSubscriptions (group billing-service)
  // does
  @KafkaListener(topics = "subscription.subscription", groupId = "billing-service-invoicing")
  @Transactional
  public void on(String message) {
    EventEnvelope event = EventJson.read(message);
    if (!BILLED.contains(event.name())) {
      return;
    }
    if (event.version() != 1) {
      log.warn(
          "subscription event skipped, unknown version id={} type={}", event.id(), event.type());
      return;
    }
    if (!processed.firstDelivery(CONSUMER, event.id())) {
      log.info(
          "subscription event skipped, already billed id={} type={}", event.id(), event.type());
      return;
    }
    ChargeEvent body = EXACT.treeToValue(exactBody(message), ChargeEvent.class);
    bill(event, body);
  }

  private static JsonNode exactBody(String message) {
    return EXACT.readTree(message).get("body");
  }

  private void bill(EventEnvelope event, ChargeEvent body) {
    Subscription s = body.subscription();
    if (s == null
        || s.id() == null
        || s.accountId() == null
        || s.number() == null
        || s.currency() == null) {
      throw new UnbillableEvent(event, "no subscription (id, accountId, number, currency)");
    }
    if (!s.accountId().toString().equals(event.accountId())) {
      throw new UnbillableEvent(event, "the subscription's account is not the event's");
    }
    List<ChargeLine> due = dueNow(event, body.lines());
    if (due.isEmpty()) {
      return; // a trial, a change at term end, a cancellation without credit: nothing moves
    }
    BillingAccount account =
        accounts
            .lockIfExists(s.accountId())
            .orElseThrow(
                () -> new UnbillableEvent(event, "billing has no account " + s.accountId()));
    if (!account.currency().equals(s.currency())) {
      throw new UnbillableEvent(
          event,
          "the subscription is in " + s.currency() + ", the account in " + account.currency());
    }
    String currency = account.currency();
    List<InvoiceLines.Line> lines = new ArrayList<>();
    BigDecimal net = Money.atScale(BigDecimal.ZERO, currency);
    for (ChargeLine l : due) {
      BigDecimal amount = exact(event, l.amount(), currency);
      net = net.add(amount);
      lines.add(
          new InvoiceLines.Line(
              lines.size() + 1,
              s.number() + ": " + l.description(),
              BigDecimal.valueOf(l.quantity()),
              l.unitPrice(),
              BigDecimal.ZERO,
              Money.atScale(BigDecimal.ZERO, currency),
              amount));
    }
    BigDecimal announced = body.amountDueNow() != null ? body.amountDueNow() : body.amountDue();
    if (announced == null || announced.compareTo(net) != 0) {
      throw new UnbillableEvent(
          event, "its lines add up to " + net.toPlainString() + ", it announces " + announced);
    }
    Instant now = clock.instant();
    String outcome;
    UUID invoiceId = null;
    if (net.signum() > 0) {
      LocalDate date = invoiceDate(event, body);
      invoiceId =
          issuer
              .issue(
                  account.id(),
                  issuer.nextNumber(date),
                  date,
                  date.plus(paymentTerms),
                  lines,
                  net,
                  currency,
                  BY)
              .invoice()
              .id();
      outcome = "invoiced";
    } else if (net.signum() < 0) {
      accounts.setCreditBalance(account.id(), account.creditBalance().add(net.negate()), now);
      summaries.changed(account.id(), now);
      outcome = "credited";
    } else {
      outcome = "nothing_due";
    }
    jdbc.sql(
            """
            INSERT INTO subscription_charge (event_id, account_id, subscription_id, subscription_number, event_type,
                                             outcome, invoice_id, amount, created_at)
            VALUES (:e, :a, :s, :n, :t, :o, :i, :amount, :now)""")
        .param("e", event.id())
        .param("a", account.id())
        .param("s", s.id())
        .param("n", s.number())
        .param("t", event.type())
        .param("o", outcome)
        .param("i", invoiceId)
        .param("amount", net)
        .param("now", Timestamp.from(now))
        .update();
    log.info(
        "subscription event billed id={} type={} account={} subscription={} outcome={} amount={}",
        event.id(),
        event.type(),
        account.id(),
        s.number(),
        outcome,
        net.toPlainString());
  }

  private static List<ChargeLine> dueNow(EventEnvelope event, List<ChargeLine> lines) {
    List<ChargeLine> due = new ArrayList<>();
    for (ChargeLine l : lines == null ? List.<ChargeLine>of() : lines) {
      if (l == null || l.kind() == null || !KINDS.contains(l.kind())) {
        throw new UnbillableEvent(event, "a line of unknown kind " + (l == null ? null : l.kind()));
      }
      if (!DUE_NOW.contains(l.kind())) {
        continue;
      }
      if (l.description() == null
          || l.description().isBlank()
          || l.quantity() == null
          || l.quantity() <= 0
          || l.unitPrice() == null
          || l.unitPrice().signum() < 0
          || l.amount() == null) {
        throw new UnbillableEvent(
            event, "a " + l.kind() + " line without description, quantity, unit price or amount");
      }
      if ((l.kind().equals("credit") ? -1 : 1) * l.amount().signum() < 0) {
        throw new UnbillableEvent(
            event, "a " + l.kind() + " line of " + l.amount().toPlainString());
      }
      due.add(l);
    }
    return due;
  }

  private static BigDecimal exact(EventEnvelope event, BigDecimal amount, String currency) {
    if (amount.stripTrailingZeros().scale() > Money.scaleOf(currency)) {
      throw new UnbillableEvent(
          event, "amount " + amount.toPlainString() + " has more decimals than " + currency);
    }
    return Money.atScale(amount, currency);
  }

  /**
   * The day the charge is for: the new term's start, the change's or resume's day, else when it
   * happened.
   */
  private static LocalDate invoiceDate(EventEnvelope event, ChargeEvent body) {
    if (body.termStart() != null) {
      return body.termStart();
    }
    if (body.effectiveDate() != null) {
      return body.effectiveDate();
    }
    if (body.resumedOn() != null) {
      return body.resumedOn();
    }
    if (event.name().equals("SubscriptionCreated")
        && body.subscription().currentTermStart() != null) {
      return body.subscription().currentTermStart();
    }
    return LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
  }
}
