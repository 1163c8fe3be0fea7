package io.peakhub.bff;

import io.peakhub.platform.testing.ArchitectureRules;

/** The house rules (platform's ArchitectureRules) over portal-bff's features. */
class PortalBffArchitectureTest extends ArchitectureRules {

  PortalBffArchitectureTest() {
    super("io.peakhub.bff");
  }
}
