package io.peakhub.subscription.account;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.outbox.ProcessedEvents;
import io.peakhub.platform.problem.ConflictException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Billing owns an account's status; this keeps a copy from billing.account (AccountUpdated.v1 and
 * BalanceChanged.v1 both carry it) so an inactive account's subscriptions refuse changes with the
 * problem billing answers, {@code account-inactive}. Each event is applied once; an older event
 * never overwrites a newer status.
 */
@Component
public class InactiveAccounts {

  static final String CONSUMER = "subscription.billing-account-status";

  record StatusBody(String status, String number, String accountNumber, Instant asOf) {}

  private final JdbcClient jdbc;
  private final ProcessedEvents processed;

  InactiveAccounts(JdbcClient jdbc, ProcessedEvents processed) {
    this.jdbc = jdbc;
    this.processed = processed;
  }

  @KafkaListener(topics = "billing.account", groupId = "subscription-service")
  @Transactional
  public void on(String message) {
    EventEnvelope event = EventJson.read(message);
    if (!event.type().equals("AccountUpdated.v1") && !event.type().equals("BalanceChanged.v1")) {
      return;
    }
    // contact changes (ContactsChanged.v1 now; AccountUpdated.v1 without a status before it):
    // nothing to learn from them
    if (!event.body().has("status") || !processed.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    StatusBody body = EventJson.body(event, LenientStatus.class).toBody();
    Instant asOf = body.asOf() != null ? body.asOf() : event.occurredAt();
    String number = body.number() != null ? body.number() : body.accountNumber();
    jdbc.sql(
            """
            INSERT INTO billing_account_status (account_id, number, status, as_of) VALUES (:a, :n, :s, :t)
            ON CONFLICT (account_id) DO UPDATE SET status = :s, number = coalesce(:n, billing_account_status.number), as_of = :t
            WHERE billing_account_status.as_of <= :t""")
        .param("a", UUID.fromString(event.accountId()))
        .param("n", number)
        .param("s", body.status())
        .param("t", Timestamp.from(asOf))
        .update();
  }

  /** Refuses any change on an account billing has marked inactive. */
  public void requireActive(UUID accountId) {
    var row =
        jdbc.sql("SELECT number, status FROM billing_account_status WHERE account_id = :a")
            .param("a", accountId)
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
            .optional();
    if (row.isPresent() && "inactive".equals(row.get()[1])) {
      String number = row.get()[0] == null ? accountId.toString() : row.get()[0];
      throw new ConflictException(
          "account-inactive",
          "Account " + number + " is inactive: no subscription changes are allowed.");
    }
  }

  /** Reads only the fields it needs from either event's body. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record LenientStatus(String status, String number, String accountNumber, Instant asOf) {
    StatusBody toBody() {
      return new StatusBody(status, number, accountNumber, asOf);
    }
  }
}
