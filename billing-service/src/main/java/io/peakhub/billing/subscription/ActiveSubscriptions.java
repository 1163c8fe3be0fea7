package io.peakhub.billing.subscription;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.outbox.ProcessedEvents;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which accounts have subscriptions that will be charged again, learnt from subscription-service's
 * SubscriptionUpdated.v1: a saved payment method cannot be removed while it is the last one and
 * such a subscription needs it. That is every subscription that has not ended: a trial (it converts
 * into a paid term), an active one (it renews, or is charged for a change), and a paused one
 * (resuming it starts a charged term). Only cancelled and expired ones are charged no more.
 */
@Component
public class ActiveSubscriptions {

  static final String CONSUMER = "billing.active-subscriptions";

  /** Statuses of a subscription that can still be charged. */
  static final List<String> CHARGED_AGAIN = List.of("trial", "active", "paused");

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SubscriptionBody(UUID accountId, String number, String status) {}

  private final JdbcClient jdbc;
  private final ProcessedEvents processed;

  ActiveSubscriptions(JdbcClient jdbc, ProcessedEvents processed) {
    this.jdbc = jdbc;
    this.processed = processed;
  }

  @KafkaListener(topics = "subscription.subscription", groupId = "billing-service")
  @Transactional
  public void on(String message) {
    EventEnvelope event = EventJson.read(message);
    if (!event.name().equals("SubscriptionUpdated")
        || !processed.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    SubscriptionBody s = EventJson.body(event, SubscriptionBody.class);
    jdbc.sql(
            """
            INSERT INTO account_subscription (account_id, number, status) VALUES (:a, :n, :s)
            ON CONFLICT (account_id, number) DO UPDATE SET status = :s""")
        .param("a", s.accountId())
        .param("n", s.number())
        .param("s", s.status())
        .update();
  }

  /** Whether the account has a subscription that will be charged again (see the class comment). */
  public boolean any(UUID accountId) {
    return jdbc.sql(
                "SELECT count(*) FROM account_subscription WHERE account_id = :a AND status IN (:charged)")
            .param("a", accountId)
            .param("charged", CHARGED_AGAIN)
            .query(Integer.class)
            .single()
        > 0;
  }
}
