package io.peakhub.billing;

import io.peakhub.platform.testing.ArchitectureRules;

/** The house rules (platform's ArchitectureRules) over billing-service's features. */
class BillingArchitectureTest extends ArchitectureRules {

  BillingArchitectureTest() {
    super("io.peakhub.billing");
  }
}
