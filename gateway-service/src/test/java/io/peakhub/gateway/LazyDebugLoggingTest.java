package io.peakhub.gateway;

import io.peakhub.platform.testing.LazyDebugLogging;
import org.junit.jupiter.api.Test;

/**
 * See {@link LazyDebugLogging}: the gateway, which does not use platform's jar, has its own file.
 */
class LazyDebugLoggingTest {

  @Test
  void aDisabledDebugMessageIsNeverRendered() {
    LazyDebugLogging.assertADisabledDebugMessageIsNeverRendered();
  }
}
