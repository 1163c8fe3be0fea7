package io.peakhub.cases.account;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.problem.ConflictException;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Billing owns an account's status; like subscription-service, this keeps a copy from
 * billing.account (AccountUpdated.v1 with a status, BalanceChanged.v1) so an inactive account's
 * cases refuse every write with billing's problem, {@code account-inactive}; reads still work. One
 * document per account; an older event never overwrites a newer status, and applying an event twice
 * changes nothing, so no processed-event table is needed.
 */
@Component
public class AccountStatuses {

  static final String COLLECTION = "account_status";

  @Document(COLLECTION)
  record AccountStatus(@Id String id, String number, String status, Instant asOf) {}

  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record StatusBody(String status, String number, String accountNumber, Instant asOf) {}

  private final MongoTemplate mongo;

  AccountStatuses(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @KafkaListener(topics = "billing.account", groupId = "case-service")
  public void on(String message) {
    EventEnvelope event = EventJson.read(message);
    if (!event.type().equals("AccountUpdated.v1") && !event.type().equals("BalanceChanged.v1")) {
      return;
    }
    // contact changes (ContactsChanged.v1 now; AccountUpdated.v1 without a status before it):
    // nothing to learn from them
    if (!event.body().has("status")) {
      return;
    }
    StatusBody body = EventJson.body(event, StatusBody.class);
    Instant asOf = body.asOf() != null ? body.asOf() : event.occurredAt();
    String number = body.number() != null ? body.number() : body.accountNumber();
    Update update = new Update().set("status", body.status()).set("asOf", asOf);
    if (number != null) {
      update.set("number", number);
    }
    try {
      // matches only an older (or equal) status; no match inserts, which fails if a newer one
      // exists
      mongo.upsert(
          Query.query(Criteria.where("_id").is(event.accountId()).and("asOf").lte(asOf)),
          update,
          COLLECTION);
    } catch (DuplicateKeyException newerStatusKept) {
      // a newer status is already stored: this event is stale
    }
  }

  /** Refuses any case write on an account billing has marked inactive. */
  public void requireActive(String accountId) {
    AccountStatus status = mongo.findById(accountId, AccountStatus.class, COLLECTION);
    if (status != null && "inactive".equals(status.status())) {
      String number = status.number() == null ? accountId : status.number();
      throw new ConflictException(
          "account-inactive", "Account " + number + " is inactive: no case changes are allowed.");
    }
  }
}
