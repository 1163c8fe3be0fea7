package io.peakhub.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** A clock the tests move (Kill Bill style): every service bean reads it instead of the system clock. */
@Configuration(proxyBeanMethods = false)
public class TestClock {

  public static final MovableClock CLOCK = new MovableClock();

  @Bean
  @Primary
  Clock movableClock() {
    return CLOCK;
  }

  public static final class MovableClock extends Clock {

    private volatile Instant now = Instant.now();

    public void set(LocalDate date) {
      now = date.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
