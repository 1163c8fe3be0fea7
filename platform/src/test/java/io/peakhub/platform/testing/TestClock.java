package io.peakhub.platform.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * The clock every {@link ServiceTest}'s beans read instead of the system clock (Kill Bill's
 * controllable clock). It follows real time until a test pins it ({@link #set}); then it stands
 * still except when the test moves it ({@link #advance}). After each test it follows real time
 * again, so a pinned date never leaks into the next test. A test whose outcome depends on the date
 * (overdue, expired, a renewal) pins it, so it passes on any day it runs.
 */
public final class TestClock extends Clock {

  public static final TestClock CLOCK = new TestClock();

  private volatile Instant pinned;

  private TestClock() {}

  /** Pins the clock at this instant. */
  public void set(Instant instant) {
    pinned = instant;
  }

  /** Pins the clock at noon UTC of this day. */
  public void set(LocalDate date) {
    set(date.atTime(12, 0).toInstant(ZoneOffset.UTC));
  }

  /** Moves a pinned clock (pinning it at the current time first). */
  public void advance(Duration by) {
    pinned = instant().plus(by);
  }

  /** Follows real time again. */
  public void reset() {
    pinned = null;
  }

  public LocalDate today() {
    return LocalDate.ofInstant(instant(), ZoneOffset.UTC);
  }

  @Override
  public Instant instant() {
    Instant at = pinned;
    return at != null ? at : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  /** Makes {@link #CLOCK} the application's clock. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Beans {

    @Bean
    @Primary
    Clock testClock() {
      return CLOCK;
    }
  }

  /** Sets the clock back to real time after each test. */
  public static class Reset implements TestExecutionListener {

    @Override
    public void afterTestMethod(TestContext testContext) {
      CLOCK.reset();
    }
  }
}
