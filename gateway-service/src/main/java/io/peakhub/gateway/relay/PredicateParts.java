package io.peakhub.gateway.relay;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.web.server.ServerWebExchange;

/**
 * The parts of Spring Cloud Gateway's own {@link AsyncPredicate}s, for {@link RouteTable} to test a
 * route's predicate without subscribing to it: the synchronous predicate {@code
 * AsyncPredicate.from} wraps, and the two sides of {@code and} and {@code or}. Spring Cloud Gateway
 * keeps them in private fields, read here once per class; should a version rename them, every
 * answer is null and the route table applies the predicates as before (slower, the same routes),
 * with one log line saying so.
 */
final class PredicateParts {

  private static final Logger log = LoggerFactory.getLogger(PredicateParts.class);

  record Pair(AsyncPredicate<ServerWebExchange> left, AsyncPredicate<ServerWebExchange> right) {}

  private static final VarHandle DELEGATE;
  private static final VarHandle AND_LEFT;
  private static final VarHandle AND_RIGHT;
  private static final VarHandle OR_LEFT;
  private static final VarHandle OR_RIGHT;

  static {
    VarHandle delegate = null;
    VarHandle andLeft = null;
    VarHandle andRight = null;
    VarHandle orLeft = null;
    VarHandle orRight = null;
    try {
      var lookup = MethodHandles.lookup();
      Class<?> synchronous = AsyncPredicate.DefaultAsyncPredicate.class;
      Class<?> and = AsyncPredicate.AndAsyncPredicate.class;
      Class<?> or = AsyncPredicate.OrAsyncPredicate.class;
      delegate =
          MethodHandles.privateLookupIn(synchronous, lookup)
              .findVarHandle(synchronous, "delegate", Predicate.class);
      var andLookup = MethodHandles.privateLookupIn(and, lookup);
      andLeft = andLookup.findVarHandle(and, "left", AsyncPredicate.class);
      andRight = andLookup.findVarHandle(and, "right", AsyncPredicate.class);
      var orLookup = MethodHandles.privateLookupIn(or, lookup);
      orLeft = orLookup.findVarHandle(or, "left", AsyncPredicate.class);
      orRight = orLookup.findVarHandle(or, "right", AsyncPredicate.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      delegate = andLeft = andRight = orLeft = orRight = null;
      log.info(
          "route table: Spring Cloud Gateway's predicates cannot be taken apart ({}): the read"
              + " relay applies them as they are",
          e.toString());
    }
    DELEGATE = delegate;
    AND_LEFT = andLeft;
    AND_RIGHT = andRight;
    OR_LEFT = orLeft;
    OR_RIGHT = orRight;
  }

  private PredicateParts() {}

  /** The synchronous predicate {@code AsyncPredicate.from} wraps; null for any other. */
  @SuppressWarnings("unchecked")
  static Predicate<ServerWebExchange> synchronous(AsyncPredicate<ServerWebExchange> predicate) {
    if (DELEGATE == null || predicate.getClass() != AsyncPredicate.DefaultAsyncPredicate.class) {
      return null;
    }
    return (Predicate<ServerWebExchange>) DELEGATE.get(predicate);
  }

  /** The two sides of an {@code and}; null for any other predicate. */
  static Pair and(AsyncPredicate<ServerWebExchange> predicate) {
    return sides(predicate, AsyncPredicate.AndAsyncPredicate.class, AND_LEFT, AND_RIGHT);
  }

  /** The two sides of an {@code or}; null for any other predicate. */
  static Pair or(AsyncPredicate<ServerWebExchange> predicate) {
    return sides(predicate, AsyncPredicate.OrAsyncPredicate.class, OR_LEFT, OR_RIGHT);
  }

  @SuppressWarnings("unchecked")
  private static Pair sides(
      AsyncPredicate<ServerWebExchange> predicate, Class<?> type, VarHandle left, VarHandle right) {
    if (left == null || predicate.getClass() != type) {
      return null;
    }
    return new Pair(
        (AsyncPredicate<ServerWebExchange>) left.get(predicate),
        (AsyncPredicate<ServerWebExchange>) right.get(predicate));
  }
}
