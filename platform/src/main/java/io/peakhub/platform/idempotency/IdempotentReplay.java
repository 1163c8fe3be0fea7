package io.peakhub.platform.idempotency;

import io.peakhub.platform.problem.ConflictException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The replay-or-conflict step of every Idempotency-Key endpoint, over whatever table the service
 * keeps its keys in: the first request runs; a retry with the same key and the same fingerprint
 * answers what was stored for it and changes nothing; the same key with another fingerprint is 409
 * {@code idempotency-key-reused}. The caller serialises requests for the key's scope first (the
 * account's row lock, or an advisory lock) and stores the fingerprint with its change in the same
 * transaction, so concurrent retries find the first one's row and a refused request stores nothing.
 */
public final class IdempotentReplay {

  private IdempotentReplay() {}

  /**
   * @param fingerprint {@link IdempotencyKey#fingerprint} of this request
   * @param lookup what was stored for this key, if anything
   * @param storedHash the fingerprint stored with it
   * @param what the kind of request, for the 409's detail ("payment", "credit application")
   * @param replay the answer to a retry, built from what was stored
   * @param firstTime runs the request and stores its fingerprint
   */
  public static <S, R> R replayOrRun(
      String fingerprint,
      Supplier<Optional<S>> lookup,
      Function<? super S, String> storedHash,
      String what,
      Function<? super S, ? extends R> replay,
      Supplier<? extends R> firstTime) {
    Optional<S> previous = lookup.get();
    if (previous.isEmpty()) {
      return firstTime.get();
    }
    if (!storedHash.apply(previous.get()).equals(fingerprint)) {
      throw new ConflictException(
          "idempotency-key-reused",
          "This Idempotency-Key was used for a different "
              + what
              + ". Use a new key for a new one.");
    }
    return replay.apply(previous.get());
  }
}
