package io.peakhub.platform.testing;

import io.peakhub.platform.access.AccountAccess;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Makes a service take its access decisions from {@link #GRANTS}, which each test fills for its own
 * users.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestAccess {

  /** Shared by every test class of a JVM: tests use fresh random user and account ids. */
  public static final StaticAccountAccess GRANTS = new StaticAccountAccess();

  @Bean
  AccountAccess accountAccess() {
    return GRANTS;
  }
}
