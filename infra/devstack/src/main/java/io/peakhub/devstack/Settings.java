package io.peakhub.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  public int postgresPort() {
    return port("HUB_POSTGRES_PORT", 5433);
  }

  public int kafkaPort() {
    return port("HUB_KAFKA_PORT", 9092);
  }

  public int kafkaControllerPort() {
    return port("HUB_KAFKA_CONTROLLER_PORT", 9093);
  }

  public int keycloakPort() {
    return port("HUB_KEYCLOAK_PORT", 8180);
  }

  public int keycloakManagementPort() {
    return port("HUB_KEYCLOAK_MANAGEMENT_PORT", 9180);
  }

  public int mongoPort() {
    return port("HUB_MONGODB_PORT", 27017);
  }

  public String externalPostgres() {
    return env.get("HUB_POSTGRES_URL");
  }

  public String externalKafka() {
    return env.get("HUB_KAFKA_BOOTSTRAP");
  }

  public String externalKeycloak() {
    return env.get("HUB_KEYCLOAK_URL");
  }

  public String externalMongo() {
    return env.get("HUB_MONGODB_URI");
  }

  /** Base JDBC URL ending in '/', to which a database name is appended. */
  public String postgresBaseUrl() {
    String external = externalPostgres();
    if (external != null) {
      return external.endsWith("/") ? external : external + "/";
    }
    return "jdbc:postgresql://localhost:" + postgresPort() + "/";
  }

  public String postgresUser() {
    return env.getOrDefault("HUB_POSTGRES_USER", "postgres");
  }

  public String postgresPassword() {
    return env.getOrDefault("HUB_POSTGRES_PASSWORD", "postgres");
  }

  public String kafkaBootstrap() {
    return externalKafka() != null ? externalKafka() : "localhost:" + kafkaPort();
  }

  public String keycloakUrl() {
    return externalKeycloak() != null ? externalKeycloak() : "http://localhost:" + keycloakPort();
  }

  public String issuerUri() {
    return keycloakUrl() + "/realms/peak";
  }

  public String mongoUri() {
    return externalMongo() != null
        ? externalMongo()
        : "mongodb://localhost:" + mongoPort() + "/cases";
  }

  public String javaCommand() {
    return javaHome().resolve("bin").resolve("java").toString();
  }

  private Path javaHome() {
    return Path.of(env.getOrDefault("JAVA_HOME", System.getProperty("java.home")));
  }

  /**
   * What the services' JDK needs whatever the profile. From JDK 24 (JEP 498) Netty 4.2 does not use
   * sun.misc.Unsafe unless its memory access is allowed, and falls back to bounds-checked buffer
   * access: encoding HTTP headers byte by byte was 6% of the gateway's CPU under load, 0.7% with
   * access allowed (JFR, the header through the gateway). JDK 21 to 23 allow it by default and do
   * not know the option, so it is given only from 24 on (docker-compose's images run 21).
   */
  public List<String> runtimeJavaOptions() {
    return javaFeatureVersion() >= 24
        ? List.of("--sun-misc-unsafe-memory-access=allow")
        : List.of();
  }

  /** The feature version of the JDK at {@link #javaHome()}, from its release file. */
  int javaFeatureVersion() {
    Path release = javaHome().resolve("release");
    try {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+-]")[0]);
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // no release file or an odd one: assume the JDK the devstack runs on
    }
    return Runtime.version().feature();
  }

  public String classpath() {
    try {
      Path devstack = root.resolve("infra/devstack/target");
      return devstack.resolve("classes")
          + ":"
          + Files.readString(devstack.resolve("classpath.txt")).trim();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "the devstack is not built: run ./mvnw -pl infra/devstack -am package", e);
    }
  }

  /**
   * The six services' JVM flags. HUB_JAVA_OPTS, when set, is used as given. Otherwise
   * HUB_JVM_PROFILE picks: "small" (the default for ./hub up): C1 only, which starts fastest and
   * uses least memory on a laptop; "production": C2 (full tiered compilation) for throughput once
   * warm, a larger heap, and the same serial collector, chosen for heaps under 1 GB on few cores,
   * where its young pauses are a few ms and it costs no extra threads, barriers or remembered sets.
   * The heap starts at 64 MB and grows under load; the free ratios give memory back after a full
   * collection, so an idle stack stays small (./hub bench reports resident memory idle and after
   * load: 256 MB initial heaps cost about 60 MB a service at idle). The code cache keeps the JVM's
   * default size: capped at 96 MB, C2's code filled it under load and every service ran a full
   * collection ("CodeCache GC Threshold", 130 to 320 ms) every minute or two, dropping compiled
   * code; the metaspace threshold of 128 MB spares the three full collections start-up cost
   * otherwise. Netty's leak detector is off in production (the tests keep its default): sampling
   * one buffer in 128, it recorded a stack trace about 64 times a second in the gateway at 1,000
   * requests/s. Class-data sharing is on in both (see Components). docker-compose.yml runs the
   * production flags.
   */
  public List<String> serviceJavaOptions() {
    String explicit = env.get("HUB_JAVA_OPTS");
    if (explicit != null && !explicit.isBlank()) {
      return List.of(explicit.trim().split("\\s+"));
    }
    return switch (jvmProfile()) {
      case "production" ->
          List.of(
              "-Xms64m",
              "-Xmx512m",
              "-XX:+UseSerialGC",
              "-XX:MinHeapFreeRatio=10",
              "-XX:MaxHeapFreeRatio=30",
              "-XX:MetaspaceSize=128m",
              "-Xss512k",
              "-Dio.netty.leakDetection.level=disabled");
      default ->
          List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
    };
  }

  /**
   * The services on every request's path: the gateway and portal-bff.
   *
   * <p>In the production profile they get a fixed 64 MB young generation. With the heap sized by
   * the free ratios, their eden stayed at 17 MB, and at 600 requests/s it filled five times a
   * second. Requests in flight were promoted with it, the old generation grew 30 to 65 MB every 15
   * s with garbage (37 MB live after a full collection), and young pauses took a tenth of the time:
   * the gateway's CPU per request rose from 0.8 to 1.3 ms over a bench and its tail latency went to
   * hundreds of ms. With 64 MB the old generation grew 3 to 6 MB per 15 s. The other services keep
   * the adaptive young generation, so the idle stack stays small.
   */
  static final List<String> HOT_PATH = List.of("gateway-service", "portal-bff");

  /** {@link #serviceJavaOptions()} plus what this service's place in the stack asks for. */
  public List<String> serviceJavaOptions(String service) {
    List<String> options = new java.util.ArrayList<>(serviceJavaOptions());
    String explicit = env.get("HUB_JAVA_OPTS");
    if ((explicit == null || explicit.isBlank())
        && jvmProfile().equals("production")
        && HOT_PATH.contains(service)) {
      options.add("-Xmn64m");
    }
    return options;
  }

  public String jvmProfile() {
    String profile = env.getOrDefault("HUB_JVM_PROFILE", "small");
    if (!profile.equals("small") && !profile.equals("production")) {
      throw new IllegalArgumentException(
          "HUB_JVM_PROFILE=" + profile + " is not known: use small (the default) or production");
    }
    return profile;
  }

  /**
   * The same settings with one environment variable set (e.g. the bench starts a production-profile
   * stack).
   */
  public Settings with(String name, String value) {
    Map<String, String> copy = new java.util.HashMap<>(env);
    copy.put(name, value);
    return new Settings(root, home, Map.copyOf(copy));
  }

  public Path logs() {
    return home.resolve("logs");
  }

  public Path pids() {
    return home.resolve("pids");
  }
}
