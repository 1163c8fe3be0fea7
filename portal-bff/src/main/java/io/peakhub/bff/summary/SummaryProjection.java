package io.peakhub.bff.summary;

import io.peakhub.bff.downstream.AccountSummary;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.outbox.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the read model current from billing's account events. Each event is applied once (its id is
 * remembered in the same transaction); a message that cannot be read goes to the dead-letter topic
 * after the retries of the platform's error handler.
 */
@Component
class SummaryProjection {

  static final String CONSUMER = "portal-bff.account-summary";
  private static final Logger log = LoggerFactory.getLogger(SummaryProjection.class);

  private final SummaryRepository summaries;
  private final ProcessedEvents processed;
  private final ApplicationEventPublisher events;

  SummaryProjection(
      SummaryRepository summaries, ProcessedEvents processed, ApplicationEventPublisher events) {
    this.summaries = summaries;
    this.processed = processed;
    this.events = events;
  }

  @KafkaListener(topics = "billing.account")
  @Transactional
  public void on(String message) {
    EventEnvelope event = EventJson.read(message);
    if (!event.type().equals("BalanceChanged.v1")) {
      return;
    }
    if (!processed.firstDelivery(CONSUMER, event.id())) {
      log.info("event skipped, already applied id={} type={}", event.id(), event.type());
      return;
    }
    AccountSummary summary = EventJson.body(event, AccountSummary.class);
    boolean applied = summaries.saveIfNewer(summary);
    if (applied) {
      // listeners (the header's server-sent events) hear of it once the transaction has committed
      events.publishEvent(new SummaryChanged(summary.accountId()));
    }
    log.info(
        "event applied id={} type={} account={} newer={}",
        event.id(),
        event.type(),
        event.accountId(),
        applied);
  }
}
