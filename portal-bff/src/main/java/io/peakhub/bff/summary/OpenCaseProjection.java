package io.peakhub.bff.summary;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.outbox.ProcessedEvents;
import java.sql.Timestamp;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each account's open cases (not closed), from case-service's events on {@code case.case}: opened
 * adds the case, a change to closed removes it, a change away from closed (reopened) adds it again.
 * Keyed by account, so one account's events come in order; a redelivered event is applied once. A
 * case moved to another account (CaseAccountChanged) counts for the new account from then on; its
 * row is keyed by number, so an earlier CaseOpened read late (it is keyed by the old account) does
 * not bring it back to the old one.
 */
@Component
class OpenCaseProjection {

  static final String CONSUMER = "portal-bff.open-cases";
  private static final Logger log = LoggerFactory.getLogger(OpenCaseProjection.class);

  private final JdbcClient jdbc;
  private final ProcessedEvents processed;

  OpenCaseProjection(JdbcClient jdbc, ProcessedEvents processed) {
    this.jdbc = jdbc;
    this.processed = processed;
  }

  @KafkaListener(topics = "case.case")
  @Transactional
  public void on(String message) {
    EventEnvelope event = EventJson.read(message);
    boolean opened = event.type().equals("CaseOpened.v1");
    boolean changed = event.type().equals("CaseStateChanged.v1");
    boolean moved = event.type().equals("CaseAccountChanged.v1");
    if (!(opened || changed || moved) || !processed.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    var body = event.body();
    String number = body.path("number").asString(null);
    if (number == null) {
      return;
    }
    if (moved) {
      moveAccount(number, body, event);
      return;
    }
    UUID account = UUID.fromString(event.accountId());
    String to = body.path("toState").asString("");
    String from = body.path("fromState").asString("");
    if (opened || (changed && from.equals("closed") && !to.equals("closed"))) {
      jdbc.sql(
              """
          INSERT INTO open_case (number, account_id, occurred_at) VALUES (:n, :a, :at)
          ON CONFLICT (number) DO NOTHING""")
          .param("n", number)
          .param("a", account)
          .param("at", Timestamp.from(event.occurredAt()))
          .update();
    } else if (changed && to.equals("closed")) {
      jdbc.sql("DELETE FROM open_case WHERE number = :n").param("n", number).update();
    }
    log.info("event applied id={} type={} account={}", event.id(), event.type(), event.accountId());
  }

  private void moveAccount(
      String number, tools.jackson.databind.JsonNode body, EventEnvelope event) {
    UUID to = UUID.fromString(body.path("toAccountId").asString());
    if (body.path("open").asBoolean(false)) {
      jdbc.sql(
              """
          INSERT INTO open_case (number, account_id, occurred_at) VALUES (:n, :a, :at)
          ON CONFLICT (number) DO UPDATE SET account_id = :a""")
          .param("n", number)
          .param("a", to)
          .param("at", Timestamp.from(event.occurredAt()))
          .update();
    } else {
      jdbc.sql("DELETE FROM open_case WHERE number = :n").param("n", number).update();
    }
    log.info(
        "event applied id={} type={} from={} to={}",
        event.id(),
        event.type(),
        body.path("fromAccountId").asString(),
        to);
  }
}
