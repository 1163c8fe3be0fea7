package io.peakhub.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Every port and location the devstack uses, from environment variables with local defaults.
 * Setting HUB_POSTGRES_URL, HUB_KAFKA_BOOTSTRAP, HUB_KEYCLOAK_URL or HUB_MONGODB_URI points the
 * stack at an existing server instead of starting one.
 */
public record Settings(Path root, Path home, Map<String, String> env) {

  public static Settings fromEnvironment() {
    Map<String, String> env = System.getenv();
    Path root = Path.of(env.getOrDefault("HUB_ROOT", ".")).toAbsolutePath().normalize();
    Path home = root.resolve(env.getOrDefault("HUB_HOME", ".hub")).toAbsolutePath().normalize();
    return new Settings(root, home, env);
  }

  public int port(String name, int fallback) {
    return Integer.parseInt(env.getOrDefault(name, String.valueOf(fallback)));
  }

  public int postgresPort() { return port("HUB_POSTGRES_PORT", 5433); }
  public int kafkaPort() { return port("HUB_KAFKA_PORT", 9092); }
  public int kafkaControllerPort() { return port("HUB_KAFKA_CONTROLLER_PORT", 9093); }
  public int keycloakPort() { return port("HUB_KEYCLOAK_PORT", 8180); }
  public int keycloakManagementPort() { return port("HUB_KEYCLOAK_MANAGEMENT_PORT", 9180); }
  public int mongoPort() { return port("HUB_MONGODB_PORT", 27017); }

  public String externalPostgres() { return env.get("HUB_POSTGRES_URL"); }
  public String externalKafka() { return env.get("HUB_KAFKA_BOOTSTRAP"); }
  public String externalKeycloak() { return env.get("HUB_KEYCLOAK_URL"); }
  public String externalMongo() { return env.get("HUB_MONGODB_URI"); }

  /** Base JDBC URL ending in '/', to which a database name is appended. */
  public String postgresBaseUrl() {
    String external = externalPostgres();
    if (external != null) {
      return external.endsWith("/") ? external : external + "/";
    }
    return "jdbc:postgresql://localhost:" + postgresPort() + "/";
  }

  public String postgresUser() { return env.getOrDefault("HUB_POSTGRES_USER", "postgres"); }
  public String postgresPassword() { return env.getOrDefault("HUB_POSTGRES_PASSWORD", "postgres"); }

  public String kafkaBootstrap() {
    return externalKafka() != null ? externalKafka() : "localhost:" + kafkaPort();
  }

  public String keycloakUrl() {
    return externalKeycloak() != null ? externalKeycloak() : "http://localhost:" + keycloakPort();
  }

  public String issuerUri() { return keycloakUrl() + "/realms/peak"; }

  public String mongoUri() {
    return externalMongo() != null ? externalMongo() : "mongodb://localhost:" + mongoPort() + "/cases";
  }

  public String javaCommand() {
    String javaHome = env.getOrDefault("JAVA_HOME", System.getProperty("java.home"));
    return Path.of(javaHome, "bin", "java").toString();
  }

  public String classpath() {
    try {
      Path devstack = root.resolve("infra/devstack/target");
      return devstack.resolve("classes") + ":" + Files.readString(devstack.resolve("classpath.txt")).trim();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the devstack is not built: run ./mvnw -pl infra/devstack -am package", e);
    }
  }

  public Path logs() { return home.resolve("logs"); }
  public Path pids() { return home.resolve("pids"); }
}
