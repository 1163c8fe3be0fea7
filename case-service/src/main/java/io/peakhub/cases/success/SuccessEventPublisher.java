package io.peakhub.cases.success;

import io.peakhub.cases.supportcase.EventSink;
import io.peakhub.cases.supportcase.PendingEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox relay for success records, the same protocol as the support cases' CaseEventPublisher:
 * send a record's pending events in order, wait for the broker, then clear them with an update
 * conditional on the version (a record changed meanwhile keeps them and they are sent again).
 */
@Component
@ConditionalOnProperty(
    name = "peakhub.cases.outbox.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class SuccessEventPublisher {

  private static final Logger log = LoggerFactory.getLogger(SuccessEventPublisher.class);
  private static final int BATCH = 50;

  private final MongoTemplate mongo;
  private final EventSink sink;
  private volatile boolean failing;

  public SuccessEventPublisher(MongoTemplate mongo, EventSink sink) {
    this.mongo = mongo;
    this.sink = sink;
  }

  @Scheduled(
      fixedDelayString = "${peakhub.outbox.poll-interval-ms:200}",
      initialDelayString = "${peakhub.outbox.poll-interval-ms:200}")
  public void tick() {
    try {
      publishPending();
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("success outbox: publishing paused, will retry: {}", e.toString());
        failing = true;
      }
    }
  }

  public int publishPending() {
    Query pending =
        Query.query(Criteria.where("outboxPending").is(true))
            .with(Sort.by("updatedAt"))
            .limit(BATCH);
    pending.fields().include("_id", "accountId", "pendingEvents", "version");
    int marked = 0;
    for (SuccessRecord r : mongo.find(pending, SuccessRecord.class)) {
      List<PendingEvent> events = r.pendingEvents();
      for (PendingEvent event : events) {
        try {
          sink.send(event.topic(), r.accountId(), event.envelope());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while publishing " + event.id(), e);
        } catch (Exception e) {
          throw new IllegalStateException(
              "could not publish event " + event.id() + ": " + e.getMessage(), e);
        }
      }
      var result =
          mongo.updateFirst(
              Query.query(Criteria.where("_id").is(r.id()).and("version").is(r.version())),
              new Update()
                  .set("pendingEvents", List.of())
                  .set("outboxPending", false)
                  .inc("version", 1),
              SuccessRecord.class);
      if (result.getModifiedCount() == 1) {
        marked += events.size();
      }
    }
    return marked;
  }
}
