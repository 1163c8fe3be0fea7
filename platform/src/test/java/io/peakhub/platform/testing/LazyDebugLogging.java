package io.peakhub.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.LoggerFactory;

/**
 * Spring and Spring Security log with {@code log.debug(LogMessage.format(...))}, unguarded, and
 * count on the logging bridge to check the level before it renders the message. commons-logging
 * 1.4's SLF4J adapter does not (spring-framework#37266): with it, every request rendered, for
 * nothing, the SecurityContext's toString in the gateway. Each service's {@code
 * META-INF/services/org.apache.commons.logging.LogFactory} picks the house's {@code
 * LevelCheckingLogFactory} instead (platform's, and the gateway's copy), which checks first and
 * hands straight to Logback. Shared by the services' tests (platform) and the gateway's.
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
    assertThat(LogFactory.getFactory().getClass().getSimpleName())
        .as("the factory META-INF/services names")
        .isEqualTo("LevelCheckingLogFactory");
    List<ILoggingEvent> events = new ArrayList<>();
    AppenderBase<ILoggingEvent> written =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            event.getCallerData(); // taken from the stack now, as an appender printing it does
            events.add(event);
          }
        };
    written.start();
    backend.addAppender(written);
    try {
      backend.setLevel(Level.INFO);
      log.debug(message);
      log.trace(message);
      assertThat(rendered).as("renderings of a disabled debug message").hasValue(0);
      backend.setLevel(Level.DEBUG);
      log.debug(message);
      assertThat(rendered.get()).as("an enabled one is still written").isPositive();
      assertThat(events).hasSize(1);
      ILoggingEvent event = events.getFirst();
      assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
      assertThat(event.getFormattedMessage()).isEqualTo("rendered");
      assertThat(event.getCallerData()[0].getClassName())
          .as("the caller a pattern's %C and %L print")
          .isEqualTo(LazyDebugLogging.class.getName());
      log.fatal("{} stays as written", new IllegalStateException("boom"));
      ILoggingEvent fatal = events.getLast();
      assertThat(fatal.getLevel()).isEqualTo(Level.ERROR);
      assertThat(fatal.getFormattedMessage()).isEqualTo("{} stays as written");
      assertThat(fatal.getThrowableProxy().getMessage()).isEqualTo("boom");
    } finally {
      backend.detachAppender(written);
      backend.setLevel(before);
    }
  }
}
