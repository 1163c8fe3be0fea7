package io.peakhub.platform.testing;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the context at a new database in the test PostgreSQL (Flyway then migrates it). */
public class FreshDatabase
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String name =
        context
            .getEnvironment()
            .getProperty("spring.application.name", "service")
            .replace('-', '_');
    TestPostgres.Database db = TestPostgres.newDatabase(name);
    TestPropertyValues.of(
            "spring.datasource.url=" + db.url(),
            "spring.datasource.username=" + db.username(),
            "spring.datasource.password=" + db.password())
        .applyTo(context);
  }
}
