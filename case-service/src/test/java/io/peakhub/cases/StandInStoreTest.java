package io.peakhub.cases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The store contract on the devstack's MongoDB stand-in (in-process). */
class StandInStoreTest extends CaseStoreContract {

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }
}
