package io.peakhub.platform.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LocationAwareLogger;

/**
 * commons-logging straight to SLF4J (Logback), checking the level before a message is rendered.
 * Spring and Spring Security log through commons-logging, often unguarded ({@code
 * log.debug(LogMessage.format(...))}) and many times a request: Spring Security's filter chain
 * alone asks {@code isTraceEnabled} once a filter. commons-logging's own SLF4J adapter renders the
 * message before the level is checked (spring-framework#37266); its Log4j API adapter checks first
 * but through Log4j API and log4j-to-slf4j, whose level check was 4 to 5.6% of portal-bff's samples
 * in the bench's profile (and 3% of the gateway's). This one asks Logback's logger, and keeps the
 * caller's class and line for a pattern that prints them. Chosen by each service's {@code
 * META-INF/services/org.apache.commons.logging.LogFactory}; the gateway, which does not use
 * platform's jar, has a copy.
 */
public final class LevelCheckingLogFactory extends LogFactory {

  private final Map<String, Log> logs = new ConcurrentHashMap<>();
  private final Map<String, Object> attributes = new ConcurrentHashMap<>();

  @Override
  public Log getInstance(Class<?> clazz) {
    return getInstance(clazz.getName());
  }

  @Override
  public Log getInstance(String name) {
    return logs.computeIfAbsent(name, n -> new Slf4jLog(LoggerFactory.getLogger(n)));
  }

  @Override
  public void release() {
    logs.clear();
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public String[] getAttributeNames() {
    return attributes.keySet().toArray(String[]::new);
  }

  @Override
  public void removeAttribute(String name) {
    attributes.remove(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
  }

  /** One logger; commons-logging's fatal is SLF4J's error. */
  private static final class Slf4jLog implements Log {

    private static final String FQCN = Slf4jLog.class.getName();
    private final Logger logger;
    private final LocationAwareLogger located;

    Slf4jLog(Logger logger) {
      this.logger = logger;
      this.located = logger instanceof LocationAwareLogger l ? l : null;
    }

    @Override
    public boolean isTraceEnabled() {
      return logger.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
      return logger.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
      return logger.isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
      return logger.isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
      return logger.isErrorEnabled();
    }

    @Override
    public boolean isFatalEnabled() {
      return logger.isErrorEnabled();
    }

    @Override
    public void trace(Object message) {
      trace(message, null);
    }

    @Override
    public void trace(Object message, Throwable t) {
      if (logger.isTraceEnabled()) {
        write(LocationAwareLogger.TRACE_INT, message, t);
      }
    }

    @Override
    public void debug(Object message) {
      debug(message, null);
    }

    @Override
    public void debug(Object message, Throwable t) {
      if (logger.isDebugEnabled()) {
        write(LocationAwareLogger.DEBUG_INT, message, t);
      }
    }

    @Override
    public void info(Object message) {
      info(message, null);
    }

    @Override
    public void info(Object message, Throwable t) {
      if (logger.isInfoEnabled()) {
        write(LocationAwareLogger.INFO_INT, message, t);
      }
    }

    @Override
    public void warn(Object message) {
      warn(message, null);
    }

    @Override
    public void warn(Object message, Throwable t) {
      if (logger.isWarnEnabled()) {
        write(LocationAwareLogger.WARN_INT, message, t);
      }
    }

    @Override
    public void error(Object message) {
      error(message, null);
    }

    @Override
    public void error(Object message, Throwable t) {
      if (logger.isErrorEnabled()) {
        write(LocationAwareLogger.ERROR_INT, message, t);
      }
    }

    @Override
    public void fatal(Object message) {
      error(message, null);
    }

    @Override
    public void fatal(Object message, Throwable t) {
      error(message, t);
    }

    private void write(int level, Object message, Throwable t) {
      String text = String.valueOf(message);
      if (located != null) {
        located.log(null, FQCN, level, text, null, t);
        return;
      }
      switch (level) {
        case LocationAwareLogger.TRACE_INT -> logger.trace(text, t);
        case LocationAwareLogger.DEBUG_INT -> logger.debug(text, t);
        case LocationAwareLogger.INFO_INT -> logger.info(text, t);
        case LocationAwareLogger.WARN_INT -> logger.warn(text, t);
        default -> logger.error(text, t);
      }
    }
  }
}
