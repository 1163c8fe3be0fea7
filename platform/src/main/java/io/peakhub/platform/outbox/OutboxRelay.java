package io.peakhub.platform.outbox;

import io.peakhub.platform.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in insertion order. Rows are locked with SKIP LOCKED so several
 * instances can run; a row is marked published only after the broker acknowledged it (acks=all,
 * idempotent producer). If Kafka is down the batch stays unpublished and the next tick retries:
 * events may be delivered more than once, never lost; consumers de-duplicate by event id.
 *
 * <p>One thread per instance publishes: it is woken by the commit of a transaction that appended an
 * event ({@link #wake}), so an event leaves within milliseconds of its commit, and polls every
 * {@code poll-interval} as well, for events committed by another instance or before a restart.
 */
public class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final KafkaTemplate<String, String> kafka;
  private final Clock clock;
  private final int batchSize;
  private final long sendTimeoutMs;
  private final Duration pollInterval;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean failing;
  private volatile Thread worker;
  private final AtomicLong passes = new AtomicLong();

  public OutboxRelay(
      JdbcClient jdbc,
      TransactionTemplate tx,
      KafkaTemplate<String, String> kafka,
      Clock clock,
      int batchSize,
      long sendTimeoutMs,
      Duration pollInterval) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.kafka = kafka;
    this.clock = clock;
    this.batchSize = batchSize;
    this.sendTimeoutMs = sendTimeoutMs;
    this.pollInterval = pollInterval;
  }

  /** An event has been committed: publish now rather than at the next poll. */
  public void wake() {
    wakeUps.release();
  }

  /** How many passes the relay's thread has made: tests wait for the first. */
  long passes() {
    return passes.get();
  }

  @Override
  public void start() {
    Thread thread = new Thread(this::run, "outbox-relay");
    thread.setDaemon(true);
    worker = thread;
    thread.start();
  }

  @Override
  public void stop() {
    Thread thread = worker;
    worker = null;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(sendTimeoutMs + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return worker != null;
  }

  private void run() {
    while (worker == Thread.currentThread()) {
      tick();
      passes.incrementAndGet();
      try {
        // a wake-up or the poll interval, whichever comes first; wake-ups meanwhile are covered
        // by the pass that follows
        wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private record Row(UUID id, String topic, String messageKey, String type, String payload) {}

  /** Publishes every unpublished event, batch after batch; a failure waits for the next pass. */
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
    Integer count =
        tx.execute(
            status -> {
              List<Row> rows =
                  jdbc.sql(
                          """
              SELECT id, topic, message_key, type, payload FROM outbox_event
              WHERE published_at IS NULL ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED""")
                      .param("limit", batchSize)
                      .query(RecordRows.of(Row.class))
                      .list();
              for (Row row : rows) {
                send(row);
                jdbc.sql("UPDATE outbox_event SET published_at = :now WHERE id = :id")
                    .param("now", Timestamp.from(clock.instant()))
                    .param("id", row.id())
                    .update();
                log.info(
                    "event published id={} type={} topic={} key={}",
                    row.id(),
                    row.type(),
                    row.topic(),
                    row.messageKey());
              }
              return rows.size();
            });
    return count == null ? 0 : count;
  }

  private void send(Row row) {
    try {
      kafka
          .send(row.topic(), row.messageKey(), row.payload())
          .get(sendTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing " + row.id(), e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not publish event " + row.id() + " to " + row.topic() + ": " + e.getMessage(), e);
    }
  }
}
