package io.peakhub.bff.downstream;

import io.peakhub.bff.summary.AccountSummary;
import java.util.Map;
import java.util.UUID;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/** The calls portal-bff makes to billing-service's public API. */
@FeignClient(name = "billing", url = "${peakhub.billing.url}")
public interface BillingClient {

  @GetMapping("/accounts/{accountId}/summary")
  AccountSummary summary(@PathVariable("accountId") UUID accountId);

  @PostMapping("/accounts/{accountId}/payments")
  ResponseEntity<Map<String, Object>> pay(@PathVariable("accountId") UUID accountId,
      @RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody Map<String, Object> payment);
}
