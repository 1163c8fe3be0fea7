package io.peakhub.bff.downstream;

import io.peakhub.bff.downstream.SubscriptionViews.CancelRequest;
import io.peakhub.bff.downstream.SubscriptionViews.ChangeRequest;
import io.peakhub.bff.downstream.SubscriptionViews.Changed;
import io.peakhub.bff.downstream.SubscriptionViews.Plan;
import io.peakhub.bff.downstream.SubscriptionViews.Quote;
import io.peakhub.bff.downstream.SubscriptionViews.Settled;
import io.peakhub.bff.downstream.SubscriptionViews.Subscription;
import java.util.List;
import java.util.UUID;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The calls portal-bff makes to subscription-service's public API, behind the "subscription"
 * circuit breaker and time limit; when the service is down, slow or failing a call ends in a 503
 * naming it. Every change carries the browser's Idempotency-Key, so a retry never changes twice.
 */
@FeignClient(
    name = "subscription",
    url = "${peakhub.subscription.url}",
    fallbackFactory = SubscriptionFallback.class)
public interface SubscriptionClient {

  String SERVICE = "subscription-service";

  @GetMapping("/accounts/{accountId}/subscriptions")
  List<Subscription> list(@PathVariable("accountId") UUID accountId);

  @GetMapping("/accounts/{accountId}/subscriptions/{id}")
  Subscription get(@PathVariable("accountId") UUID accountId, @PathVariable("id") UUID id);

  @GetMapping("/catalog/plans")
  List<Plan> plans(@RequestParam("currency") String currency);

  @PostMapping("/accounts/{accountId}/subscriptions/{id}/changes/preview")
  ResponseEntity<Quote> preview(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("id") UUID id,
      @RequestHeader("Idempotency-Key") String key,
      @RequestBody ChangeRequest change);

  @PostMapping("/accounts/{accountId}/subscriptions/{id}/changes")
  ResponseEntity<Changed> change(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("id") UUID id,
      @RequestHeader("Idempotency-Key") String key,
      @RequestBody ChangeRequest change);

  @PostMapping("/accounts/{accountId}/subscriptions/{id}/cancel")
  ResponseEntity<Settled> cancel(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("id") UUID id,
      @RequestHeader("Idempotency-Key") String key,
      @RequestBody CancelRequest cancel);

  @PostMapping("/accounts/{accountId}/subscriptions/{id}/cancel/undo")
  ResponseEntity<Subscription> undoCancel(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("id") UUID id,
      @RequestHeader("Idempotency-Key") String key);

  @PostMapping("/accounts/{accountId}/subscriptions/{id}/pause")
  ResponseEntity<Subscription> pause(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("id") UUID id,
      @RequestHeader("Idempotency-Key") String key);

  @PostMapping("/accounts/{accountId}/subscriptions/{id}/resume")
  ResponseEntity<Settled> resume(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("id") UUID id,
      @RequestHeader("Idempotency-Key") String key);
}
