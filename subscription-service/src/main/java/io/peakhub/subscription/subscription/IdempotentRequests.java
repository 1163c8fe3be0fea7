package io.peakhub.subscription.subscription;

import io.peakhub.platform.idempotency.IdempotencyKey;
import io.peakhub.platform.idempotency.IdempotentReplay;
import io.peakhub.platform.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency-Key per account over this service's idempotent_request table, with platform's {@link
 * IdempotentReplay} deciding replay or conflict: the first answer is stored with the request's hash
 * in the same transaction as the change; a retry with the same key and body replays it, the same
 * key with another body is 409 {@code idempotency-key-reused}. An advisory lock per account
 * serialises concurrent retries, so the second waits and replays. A refused request stores nothing
 * (its transaction rolls back), so a corrected retry may reuse the key.
 */
@Component
class IdempotentRequests {

  record Answer(int status, JsonNode body, boolean replayed) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;

  IdempotentRequests(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public Answer run(
      UUID accountId,
      String key,
      String operation,
      Object request,
      int status,
      Supplier<Object> action) {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:a, 7))")
        .param("a", accountId.toString())
        .query((rs, n) -> 1)
        .list();
    String hash = IdempotencyKey.fingerprint(operation + "|" + json.writeValueAsString(request));
    return IdempotentReplay.replayOrRun(
        hash,
        () ->
            jdbc.sql(
                    "SELECT request_hash, status_code, response FROM idempotent_request WHERE account_id = :a AND key = :k")
                .param("a", accountId)
                .param("k", key)
                .query(RecordRows.of(Stored.class))
                .optional(),
        Stored::requestHash,
        "request",
        previous -> new Answer(previous.statusCode(), json.readTree(previous.response()), true),
        () -> {
          JsonNode body = json.valueToTree(action.get());
          jdbc.sql(
                  """
                  INSERT INTO idempotent_request (account_id, key, request_hash, status_code, response, created_at)
                  VALUES (:a, :k, :h, :s, :r, :now)""")
              .param("a", accountId)
              .param("k", key)
              .param("h", hash)
              .param("s", status)
              .param("r", json.writeValueAsString(body))
              .param("now", Timestamp.from(clock.instant()))
              .update();
          return new Answer(status, body, false);
        });
  }

  private record Stored(String requestHash, int statusCode, String response) {}
}
