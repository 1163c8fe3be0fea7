package io.peakhub.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds platform-defaults.properties as the lowest-priority property source: the settings every
 * service shares (actuator exposure, probes, problem details, strict JSON, Kafka serializers). A
 * service's application.yml or an environment variable still overrides each one.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    try {
      new PropertiesPropertySourceLoader()
          .load("peakhub-platform-defaults", new ClassPathResource("platform-defaults.properties"))
          .forEach(environment.getPropertySources()::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
