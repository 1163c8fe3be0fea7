package io.peakhub.bff.summary;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.outbox.ProcessedEvents;
import java.math.BigDecimal;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each account's active subscriptions and MRR (Customer Accounts), from the SubscriptionUpdated.v1
 * that follows every subscription change (and the demo seeder's records): the newest state of each
 * subscription wins, and the account's figures are its sums.
 */
@Component
class SubscriptionProjection {

  static final String CONSUMER = "portal-bff.subscription";
  private static final Logger log = LoggerFactory.getLogger(SubscriptionProjection.class);

  private final SummaryRepository summaries;
  private final ProcessedEvents processed;

  SubscriptionProjection(SummaryRepository summaries, ProcessedEvents processed) {
    this.summaries = summaries;
    this.processed = processed;
  }

  @KafkaListener(topics = "subscription.subscription")
  @Transactional
  public void on(String message) {
    EventEnvelope event = EventJson.read(message);
    if (!event.type().equals("SubscriptionUpdated.v1")
        || !processed.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    var body = event.body();
    UUID accountId = UUID.fromString(event.accountId());
    // an event from before subscription-service sent the MRR counts as none
    BigDecimal mrr =
        body.path("monthlyRecurringRevenue").isNumber()
            ? body.path("monthlyRecurringRevenue").decimalValue()
            : BigDecimal.ZERO;
    String currency = body.path("currency").isString() ? body.path("currency").asString() : null;
    summaries.subscriptionUpdated(
        UUID.fromString(body.path("id").asString()),
        accountId,
        body.path("status").asString(),
        currency,
        mrr,
        event.occurredAt());
    log.info("event applied id={} type={} account={}", event.id(), event.type(), event.accountId());
  }
}
