package io.peakhub.cases.supportcase;

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
 * The outbox relay for cases. A change and its events are saved in one document update ({@code
 * pendingEvents}, {@code outboxPending}); this publishes each pending event to Kafka in order and
 * only after the broker acknowledged it removes it from the document, with an update conditional on
 * the document's version (and raising it, so a writer holding an older copy retries on the fresh
 * one and cannot put back or drop events). If Kafka is down, or the document changed meanwhile, the
 * events stay pending and the next tick sends them again: at least once, never lost; consumers
 * de-duplicate by envelope id.
 */
@Component
@ConditionalOnProperty(
    name = "peakhub.cases.outbox.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class CaseEventPublisher {

  private static final Logger log = LoggerFactory.getLogger(CaseEventPublisher.class);
  private static final int BATCH = 50;

  private final MongoTemplate mongo;
  private final EventSink sink;
  private volatile boolean failing;

  public CaseEventPublisher(MongoTemplate mongo, EventSink sink) {
    this.mongo = mongo;
    this.sink = sink;
  }

  @Scheduled(
      fixedDelayString = "${peakhub.outbox.poll-interval-ms:200}",
      initialDelayString = "${peakhub.outbox.poll-interval-ms:200}")
  public void tick() {
    try {
      publishPending();
      if (failing) {
        log.info("case outbox: Kafka reachable again, publishing resumed");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("case outbox: publishing paused, will retry: {}", e.toString());
        failing = true;
      }
    }
  }

  /**
   * Publishes the pending events of up to one batch of cases; returns how many events were sent and
   * marked.
   */
  public int publishPending() {
    Query pending =
        Query.query(Criteria.where("outboxPending").is(true))
            .with(Sort.by("updatedAt"))
            .limit(BATCH);
    pending.fields().include("_id", "accountId", "pendingEvents", "version");
    int marked = 0;
    for (SupportCase c : mongo.find(pending, SupportCase.class)) {
      List<PendingEvent> events = c.pendingEvents();
      for (PendingEvent event : events) {
        send(c, event);
      }
      var result =
          mongo.updateFirst(
              Query.query(Criteria.where("_id").is(c.id()).and("version").is(c.version())),
              new Update()
                  .set("pendingEvents", List.of())
                  .set("outboxPending", false)
                  .inc("version", 1),
              SupportCase.class);
      if (result.getModifiedCount() == 1) {
        marked += events.size();
      } else {
        log.debug(
            "case outbox: case {} changed while publishing; its events stay pending and are sent again",
            c.id());
      }
    }
    return marked;
  }

  private void send(SupportCase c, PendingEvent event) {
    try {
      // keyed by the account the event was raised under: one still pending when the case changed
      // account
      // keeps its old account's key, behind that account's earlier events
      String key = io.peakhub.platform.events.EventJson.read(event.envelope()).accountId();
      sink.send(event.topic(), key == null ? c.accountId() : key, event.envelope());
      log.info("event published id={} type={} topic={}", event.id(), event.type(), event.topic());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing " + event.id(), e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not publish event " + event.id() + " to " + event.topic() + ": " + e.getMessage(),
          e);
    }
  }
}
