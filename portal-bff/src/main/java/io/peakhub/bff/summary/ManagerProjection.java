package io.peakhub.bff.summary;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.outbox.ProcessedEvents;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Who manages each account, from identity's AccountManagerChanged events (newest wins). */
@Component
class ManagerProjection {

  static final String CONSUMER = "portal-bff.account-manager";
  private static final Logger log = LoggerFactory.getLogger(ManagerProjection.class);

  private final SummaryRepository summaries;
  private final ProcessedEvents processed;

  ManagerProjection(SummaryRepository summaries, ProcessedEvents processed) {
    this.summaries = summaries;
    this.processed = processed;
  }

  @KafkaListener(topics = "identity.account-manager")
  @Transactional
  public void on(String message) {
    EventEnvelope event = EventJson.read(message);
    if (!event.type().equals("AccountManagerChanged.v1")
        || !processed.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    var body = event.body();
    String managerId =
        body.path("managerId").isNull() ? null : body.path("managerId").asString(null);
    String managerName =
        body.path("managerName").isNull() ? null : body.path("managerName").asString(null);
    summaries.managerChanged(
        UUID.fromString(event.accountId()), managerId, managerName, event.occurredAt());
    log.info("event applied id={} type={} account={}", event.id(), event.type(), event.accountId());
  }
}
