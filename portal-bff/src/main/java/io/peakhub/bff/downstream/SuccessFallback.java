package io.peakhub.bff.downstream;

import org.springframework.stereotype.Component;

@Component
class SuccessFallback extends DownstreamFallback<SuccessClient> {

  SuccessFallback(DownstreamSettings settings) {
    super(SuccessClient.class, SuccessClient.SERVICE, settings);
  }
}
