package io.peakhub.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.LoggerFactory;

/**
 * Spring and Spring Security log with {@code log.debug(LogMessage.format(...))}, unguarded, and
 * count on the logging bridge to check the level before it renders the message. commons-logging
 * 1.4's SLF4J adapter does not (spring-framework#37266): with it, every request rendered, for
 * nothing, the SecurityContext's toString in the gateway. Each service's {@code
 * META-INF/services/org.apache.commons.logging.LogFactory} picks commons-logging's Log4j API
 * adapter instead (Log4j API, then log4j-to-slf4j, then Logback), which checks first. Shared by the
 * services' tests (platform) and the gateway's.
 */
public final class LazyDebugLogging {

  private LazyDebugLogging() {}

  public static void assertADisabledDebugMessageIsNeverRendered() {
    String name = "io.peakhub.lazy-debug-check";
    ch.qos.logback.classic.Logger backend =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
    Level before = backend.getLevel();
    AtomicInteger rendered = new AtomicInteger();
    Object message =
        new Object() {
          @Override
          public String toString() {
            rendered.incrementAndGet();
            return "rendered";
          }
        };
    Log log = LogFactory.getLog(name);
    try {
      backend.setLevel(Level.INFO);
      log.debug(message);
      log.trace(message);
      assertThat(rendered).as("renderings of a disabled debug message").hasValue(0);
      backend.setLevel(Level.DEBUG);
      log.debug(message);
      assertThat(rendered.get()).as("an enabled one is still written").isPositive();
    } finally {
      backend.setLevel(before);
    }
  }
}
