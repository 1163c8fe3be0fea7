package io.peakhub.billing.subscription;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.outbox.ProcessedEvents;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which accounts have active subscriptions, learnt from subscription-service's events: a saved
 * payment method cannot be removed while it is the last one and a subscription needs it.
 */
@Component
public class ActiveSubscriptions {

  static final String CONSUMER = "billing.active-subscriptions";

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
    if (!event.name().equals("SubscriptionUpdated") || !processed.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    SubscriptionBody s = EventJson.body(event, SubscriptionBody.class);
    jdbc.sql("""
            INSERT INTO account_subscription (account_id, number, status) VALUES (:a, :n, :s)
            ON CONFLICT (account_id, number) DO UPDATE SET status = :s""")
        .param("a", s.accountId()).param("n", s.number()).param("s", s.status()).update();
  }

  public boolean any(UUID accountId) {
    return jdbc.sql("SELECT count(*) FROM account_subscription WHERE account_id = :a AND status = 'active'")
        .param("a", accountId).query(Integer.class).single() > 0;
  }
}
