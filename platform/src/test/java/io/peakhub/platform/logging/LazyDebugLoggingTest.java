package io.peakhub.platform.logging;

import io.peakhub.platform.testing.LazyDebugLogging;
import org.junit.jupiter.api.Test;

/** See {@link LazyDebugLogging}: platform's jar makes every servlet service's logging lazy. */
class LazyDebugLoggingTest {

  @Test
  void aDisabledDebugMessageIsNeverRendered() {
    LazyDebugLogging.assertADisabledDebugMessageIsNeverRendered();
  }
}
