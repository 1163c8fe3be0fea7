package io.peakhub.platform.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes outbox rows that were published longer ago than the retention period (they stay a while
 * for looking into "was this event sent?"). Unpublished rows are never touched. Deletes go in small
 * batches, each its own short transaction, walking the primary key forward, so a large backlog
 * never holds many row locks or blocks the relay; SKIP LOCKED lets several instances purge side by
 * side.
 */
public class OutboxPurge {

  private static final Logger log = LoggerFactory.getLogger(OutboxPurge.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration retention;
  private final int batchSize;

  public OutboxPurge(JdbcClient jdbc, Clock clock, Duration retention, int batchSize) {
    if (retention.isNegative() || batchSize < 1) {
      throw new IllegalArgumentException(
          "outbox retention must not be negative and the batch size at least 1");
    }
    this.jdbc = jdbc;
    this.clock = clock;
    this.retention = retention;
    this.batchSize = batchSize;
  }

  @Scheduled(
      initialDelayString = "${peakhub.outbox.purge.initial-delay:PT1M}",
      fixedDelayString = "${peakhub.outbox.purge.interval:PT1H}")
  public void scheduledPurge() {
    try {
      purge();
    } catch (RuntimeException e) {
      log.warn("outbox purge skipped, will retry: {}", e.toString());
    }
  }

  /** Deletes every row published before now minus the retention; answers how many. */
  public int purge() {
    Instant cutoff = clock.instant().minus(retention);
    long after = 0;
    int deleted = 0;
    while (true) {
      List<Long> batch =
          jdbc.sql(
                  """
              WITH old AS (
                SELECT seq FROM outbox_event
                WHERE seq > :after AND published_at < :cutoff
                ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED)
              DELETE FROM outbox_event e USING old WHERE e.seq = old.seq RETURNING e.seq""")
              .param("after", after)
              .param("cutoff", Timestamp.from(cutoff))
              .param("limit", batchSize)
              .query(Long.class)
              .list();
      deleted += batch.size();
      if (batch.size() < batchSize) {
        break;
      }
      after = batch.stream().mapToLong(Long::longValue).max().orElse(after);
    }
    if (deleted > 0) {
      log.info("outbox purge: {} rows published before {} deleted", deleted, cutoff);
    }
    return deleted;
  }
}
