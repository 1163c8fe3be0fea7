package io.peakhub.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.peakhub.platform.testing.TestPostgres;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Old published outbox rows go, in batches; unpublished and recent ones stay. Real PostgreSQL, a
 * fixed clock.
 */
class OutboxPurgeTest {

  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final Duration RETENTION = Duration.ofDays(7);

  JdbcClient jdbc;

  @BeforeEach
  void freshOutbox() {
    var db = TestPostgres.newDatabase("purge");
    var dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(dataSource);
  }

  private UUID row(Instant occurredAt, Instant publishedAt) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO outbox_event (id, topic, message_key, type, payload, occurred_at, published_at)
            VALUES (:id, 'test.account', 'a1', 'InvoiceIssued.v1', '{}', :occurred, :published)""")
        .param("id", id)
        .param("occurred", Timestamp.from(occurredAt))
        .param("published", publishedAt == null ? null : Timestamp.from(publishedAt))
        .update();
    return id;
  }

  private List<UUID> remaining() {
    return jdbc.sql("SELECT id FROM outbox_event ORDER BY seq").query(UUID.class).list();
  }

  private OutboxPurge purge(int batchSize) {
    return new OutboxPurge(jdbc, Clock.fixed(NOW, ZoneOffset.UTC), RETENTION, batchSize);
  }

  @Test
  void publishedRowsOlderThanTheRetentionAreDeletedInBatchesAndUnsentOrRecentRowsStay() {
    List<UUID> old = new ArrayList<>();
    List<UUID> kept = new ArrayList<>();
    // interleaved in insertion order, so batches walking the key must not skip or stop early
    for (int i = 0; i < 5; i++) {
      Instant sent = NOW.minus(RETENTION).minus(Duration.ofHours(1 + i));
      old.add(row(sent.minusSeconds(5), sent));
      kept.add(row(NOW.minus(Duration.ofDays(30)), null)); // never sent, however old
      kept.add(
          row(
              NOW.minus(RETENTION),
              NOW.minus(RETENTION).plusSeconds(1))); // sent just inside the retention
    }
    kept.add(row(NOW.minusSeconds(60), NOW.minusSeconds(30))); // sent a moment ago

    assertThat(purge(2).purge()).isEqualTo(5);
    assertThat(remaining()).containsExactlyElementsOf(kept).doesNotContainAnyElementsOf(old);
    assertThat(purge(2).purge()).as("nothing left to purge").isZero();
  }

  @Test
  void aBatchAsLargeAsTheBacklogStillFindsEverything() {
    for (int i = 0; i < 3; i++) {
      row(NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(20)));
    }
    UUID unsent = row(NOW.minus(Duration.ofDays(20)), null);
    assertThat(purge(3).purge()).isEqualTo(3);
    assertThat(remaining()).containsExactly(unsent);
  }
}
