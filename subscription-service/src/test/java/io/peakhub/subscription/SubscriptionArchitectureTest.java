package io.peakhub.subscription;

import io.peakhub.platform.testing.ArchitectureRules;

/** The house rules (platform's ArchitectureRules) over subscription-service's features. */
class SubscriptionArchitectureTest extends ArchitectureRules {

  SubscriptionArchitectureTest() {
    super("io.peakhub.subscription");
  }
}
