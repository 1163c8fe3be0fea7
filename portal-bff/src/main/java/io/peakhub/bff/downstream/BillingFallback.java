package io.peakhub.bff.downstream;

import org.springframework.stereotype.Component;

@Component
class BillingFallback extends DownstreamFallback<BillingClient> {

  BillingFallback(DownstreamSettings settings) {
    super(BillingClient.class, BillingClient.SERVICE, settings);
  }
}
