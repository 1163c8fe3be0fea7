package io.peakhub.gateway;

import io.peakhub.platform.testing.ArchitectureRules;

/** The house rules (platform's ArchitectureRules) over the gateway's features. */
class GatewayArchitectureTest extends ArchitectureRules {

  GatewayArchitectureTest() {
    super("io.peakhub.gateway");
  }
}
