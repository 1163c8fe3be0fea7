package io.peakhub.bff.downstream;

import org.springframework.stereotype.Component;

@Component
class CaseFallback extends DownstreamFallback<CaseClient> {

  CaseFallback(DownstreamSettings settings) {
    super(CaseClient.class, CaseClient.SERVICE, settings);
  }
}
