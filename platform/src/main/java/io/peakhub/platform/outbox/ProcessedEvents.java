package io.peakhub.platform.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consumer side of exactly-once effects: call {@link #firstDelivery} in the same transaction as
 * the event's effect. The first call for an event id returns true; a redelivery returns false and
 * the handler skips it. If the effect's transaction rolls back, so does the mark.
 */
public class ProcessedEvents {

  private final JdbcClient jdbc;
  private final Clock clock;

  public ProcessedEvents(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public boolean firstDelivery(String consumer, UUID eventId) {
    return jdbc.sql(
                """
            INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (:consumer, :id, :at)
            ON CONFLICT DO NOTHING""")
            .param("consumer", consumer)
            .param("id", eventId)
            .param("at", Timestamp.from(clock.instant()))
            .update()
        == 1;
  }
}
