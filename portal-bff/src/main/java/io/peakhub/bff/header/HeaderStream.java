package io.peakhub.bff.header;

import io.peakhub.bff.summary.AccountSummaries;
import io.peakhub.bff.summary.SummaryChanged;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open header streams of this instance, per account. A change of the read model is sent to each
 * of the account's streams after it committed; a comment every {@code heartbeat} keeps proxies from
 * closing an idle stream and finds browsers that left. A stream ends after {@code max-age}; the
 * browser's EventSource then reconnects (and the access check runs again).
 */
@Component
class HeaderStream {

  static final String EVENT = "header";
  private static final Logger log = LoggerFactory.getLogger(HeaderStream.class);

  private record Subscriber(SseEmitter emitter, boolean mayPay) {}

  private final Map<UUID, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
  private final AccountSummaries summaries;
  private final Duration maxAge;

  HeaderStream(
      AccountSummaries summaries,
      @Value("${peakhub.header-events.max-age:PT15M}") Duration maxAge) {
    this.summaries = summaries;
    this.maxAge = maxAge;
  }

  SseEmitter open(UUID accountId, boolean mayPay, HeaderView first) {
    SseEmitter emitter = new SseEmitter(maxAge.toMillis());
    Subscriber subscriber = new Subscriber(emitter, mayPay);
    Runnable remove =
        () ->
            subscribers.computeIfPresent(
                accountId,
                (k, set) -> {
                  set.remove(subscriber);
                  return set.isEmpty() ? null : set;
                });
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    subscribers.computeIfAbsent(accountId, k -> ConcurrentHashMap.newKeySet()).add(subscriber);
    send(subscriber, first);
    return emitter;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(SummaryChanged change) {
    Set<Subscriber> open = subscribers.get(change.accountId());
    if (open == null || open.isEmpty()) {
      return;
    }
    summaries
        .stored(change.accountId())
        .ifPresent(summary -> open.forEach(s -> send(s, HeaderView.of(summary, s.mayPay()))));
  }

  @Scheduled(fixedDelayString = "${peakhub.header-events.heartbeat:PT25S}")
  void heartbeat() {
    subscribers
        .values()
        .forEach(
            set ->
                set.forEach(
                    s -> {
                      try {
                        s.emitter().send(SseEmitter.event().comment("keep-alive"));
                      } catch (IOException | IllegalStateException e) {
                        s.emitter().completeWithError(e);
                      }
                    }));
  }

  int openStreams(UUID accountId) {
    Set<Subscriber> open = subscribers.get(accountId);
    return open == null ? 0 : open.size();
  }

  private static void send(Subscriber subscriber, HeaderView header) {
    try {
      subscriber
          .emitter()
          .send(SseEmitter.event().name(EVENT).id(header.asOf().toString()).data(header));
    } catch (IOException | IllegalStateException e) {
      log.debug("header stream closed: {}", e.toString());
      subscriber.emitter().completeWithError(e);
    }
  }
}
