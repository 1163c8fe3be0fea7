package io.peakhub.cases;

import io.peakhub.platform.testing.ArchitectureRules;

/**
 * The house rules (platform's ArchitectureRules) over case-service's features; CaseArchitectureTest
 * adds its own.
 */
class CaseHouseRulesTest extends ArchitectureRules {

  CaseHouseRulesTest() {
    super("io.peakhub.cases");
  }
}
