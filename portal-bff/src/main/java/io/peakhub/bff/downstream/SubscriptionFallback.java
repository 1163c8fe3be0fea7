package io.peakhub.bff.downstream;

import org.springframework.stereotype.Component;

@Component
class SubscriptionFallback extends DownstreamFallback<SubscriptionClient> {

  SubscriptionFallback(DownstreamSettings settings) {
    super(SubscriptionClient.class, SubscriptionClient.SERVICE, settings);
  }
}
