package io.peakhub.platform.outbox;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records an event in the same transaction as the state change that caused it; the {@link
 * OutboxRelay} publishes it afterwards, woken by the transaction's commit (its poll is the
 * fallback). Calling this outside a transaction is a bug, so it fails instead of writing alone.
 */
public class Outbox {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Runnable afterCommit;

  /**
   * @param afterCommit runs after a transaction that appended an event commits (the relay's
   *     wake-up)
   */
  public Outbox(JdbcClient jdbc, Clock clock, Runnable afterCommit) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.afterCommit = afterCommit;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public EventEnvelope append(String topic, String accountId, String type, Object body) {
    EventEnvelope event =
        new EventEnvelope(
            UUID.randomUUID(), type, clock.instant(), accountId, EventJson.tree(body));
    jdbc.sql(
            """
            INSERT INTO outbox_event (id, topic, message_key, type, payload, occurred_at)
            VALUES (:id, :topic, :key, :type, :payload, :occurredAt)""")
        .param("id", event.id())
        .param("topic", topic)
        .param("key", accountId)
        .param("type", type)
        .param("payload", EventJson.write(event))
        .param("occurredAt", Timestamp.from(event.occurredAt()))
        .update();
    // one wake-up per transaction, however many events it appends
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && !TransactionSynchronizationManager.hasResource(this)) {
      TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              afterCommit.run();
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
            }
          });
    }
    return event;
  }
}
