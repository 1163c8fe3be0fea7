package io.peakhub.platform.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in insertion order. Rows are locked with SKIP LOCKED so several
 * instances can run; a row is marked published only after the broker acknowledged it (acks=all,
 * idempotent producer). If Kafka is down the batch stays unpublished and the next tick retries:
 * events may be delivered more than once, never lost; consumers de-duplicate by event id.
 */
public class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final KafkaTemplate<String, String> kafka;
  private final Clock clock;
  private final int batchSize;
  private final long sendTimeoutMs;
  private volatile boolean failing;

  public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, KafkaTemplate<String, String> kafka, Clock clock,
      int batchSize, long sendTimeoutMs) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.kafka = kafka;
    this.clock = clock;
    this.batchSize = batchSize;
    this.sendTimeoutMs = sendTimeoutMs;
  }

  private record Row(UUID id, String topic, String messageKey, String type, String payload) {}

  @Scheduled(fixedDelayString = "${peakhub.outbox.poll-interval-ms:200}")
  public void tick() {
    try {
      int published;
      do {
        published = publishBatch();
      } while (published == batchSize);
      if (failing) {
        log.info("outbox relay: Kafka reachable again, publishing resumed");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("outbox relay: publishing paused, will retry: {}", e.toString());
        failing = true;
      }
    }
  }

  /** Publishes up to one batch; returns how many rows it published. */
  public int publishBatch() {
    Integer count = tx.execute(status -> {
      List<Row> rows = jdbc.sql("""
              SELECT id, topic, message_key, type, payload FROM outbox_event
              WHERE published_at IS NULL ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED""")
          .param("limit", batchSize)
          .query(Row.class)
          .list();
      for (Row row : rows) {
        send(row);
        jdbc.sql("UPDATE outbox_event SET published_at = :now WHERE id = :id")
            .param("now", Timestamp.from(clock.instant()))
            .param("id", row.id())
            .update();
        log.info("event published id={} type={} topic={} key={}", row.id(), row.type(), row.topic(), row.messageKey());
      }
      return rows.size();
    });
    return count == null ? 0 : count;
  }

  private void send(Row row) {
    try {
      kafka.send(row.topic(), row.messageKey(), row.payload()).get(sendTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing " + row.id(), e);
    } catch (Exception e) {
      throw new IllegalStateException("could not publish event " + row.id() + " to " + row.topic() + ": " + e.getMessage(), e);
    }
  }
}
