package io.peakhub.platform.outbox;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records an event in the same transaction as the state change that caused it; the
 * {@link OutboxRelay} publishes it afterwards. Calling this outside a transaction is a bug, so it
 * fails instead of writing alone.
 */
public class Outbox {

  private final JdbcClient jdbc;
  private final Clock clock;

  public Outbox(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public EventEnvelope append(String topic, String accountId, String type, Object body) {
    EventEnvelope event = new EventEnvelope(UUID.randomUUID(), type, clock.instant(), accountId, EventJson.tree(body));
    jdbc.sql("""
            INSERT INTO outbox_event (id, topic, message_key, type, payload, occurred_at)
            VALUES (:id, :topic, :key, :type, :payload, :occurredAt)""")
        .param("id", event.id())
        .param("topic", topic)
        .param("key", accountId)
        .param("type", type)
        .param("payload", EventJson.write(event))
        .param("occurredAt", Timestamp.from(event.occurredAt()))
        .update();
    return event;
  }
}
