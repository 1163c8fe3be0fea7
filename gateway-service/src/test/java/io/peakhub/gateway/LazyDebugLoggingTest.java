package io.peakhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.peakhub.platform.testing.LazyDebugLogging;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * See {@link LazyDebugLogging}: the gateway, which does not use platform's jar, has its own file
 * and its own copy of the factory it names.
 */
class LazyDebugLoggingTest {

  @Test
  void aDisabledDebugMessageIsNeverRendered() {
    LazyDebugLogging.assertADisabledDebugMessageIsNeverRendered();
  }

  /** The copy's code, from its class declaration on, is platform's: a fix goes into both. */
  @Test
  void theFactoryIsPlatformsCopy() throws Exception {
    String file = "/logging/LevelCheckingLogFactory.java";
    String platform =
        Files.readString(Path.of("../platform/src/main/java/io/peakhub/platform" + file));
    String gateway = Files.readString(Path.of("src/main/java/io/peakhub/gateway" + file));
    assertThat(code(gateway)).isEqualTo(code(platform));
  }

  private static String code(String source) {
    return source.substring(source.indexOf("public final class"));
  }
}
