package io.peakhub.devstack;

import io.peakhub.devstack.Hub.Component;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** How each server and service is started and how its health is checked. */
final class Components {

  static final String KEYCLOAK_VERSION = "26.7.3";
  static final List<String> DATABASES =
      List.of("identity", "billing", "subscription", "bff", "keycloak");

  private final Settings s;
  private final Processes processes;

  Components(Settings settings, Processes processes) {
    this.s = settings;
    this.processes = processes;
  }

  List<Component> infrastructure() {
    return List.of(postgres(), kafka(), mongo(), keycloak());
  }

  private List<String> java(String heap, String mainClass, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                s.javaCommand(),
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30",
                "-cp",
                s.classpath(),
                mainClass));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private Component postgres() {
    Path data = s.home().resolve("postgres");
    Path ready = s.home().resolve("postgres.ready");
    if (s.externalPostgres() != null) {
      return new Component(
          "postgres",
          List.of(0),
          "HUB_POSTGRES_URL",
          List::of,
          Map.of(),
          s.root(),
          () -> {},
          () -> createExternalDatabases(),
          Duration.ofSeconds(30),
          true,
          s.externalPostgres());
    }
    java.util.function.Supplier<List<String>> cmd =
        () -> {
          List<String> c =
              new ArrayList<>(
                  java(
                      "64m",
                      PostgresMain.class.getName(),
                      data.toString(),
                      Integer.toString(s.postgresPort()),
                      ready.toString()));
          c.addAll(DATABASES);
          return c;
        };
    return new Component(
        "postgres",
        List.of(s.postgresPort()),
        "HUB_POSTGRES_PORT",
        cmd,
        Map.of(),
        s.root(),
        () -> {
          delete(ready);
          unpackPostgres();
        },
        () -> Files.exists(ready) && Processes.portOpen(s.postgresPort()),
        Duration.ofSeconds(90),
        false,
        "localhost:" + s.postgresPort());
  }

  /**
   * The first start on a machine (or in a new stack home) unpacks the binaries: see
   * PostgresMain.unpack.
   */
  private void unpackPostgres() {
    if (Files.isDirectory(processes.tmpDir("postgres").resolve("embedded-pg"))) {
      return;
    }
    System.out.println("[hub] unpacking PostgreSQL's binaries (first start in " + s.home() + ")");
    Path scratch = s.home().resolve("tmp/postgres-unpack");
    int exit =
        processes.run(
            "postgres", java("256m", PostgresMain.class.getName(), "--unpack", scratch.toString()));
    if (exit != 0) {
      throw new Hub.StartupFailure(
          "unpacking PostgreSQL failed (exit " + exit + "): see " + processes.logFile("postgres"));
    }
  }

  private boolean createExternalDatabases() {
    try {
      PostgresMain.createDatabases(
          s.postgresBaseUrl(), s.postgresUser(), s.postgresPassword(), DATABASES);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private Component kafka() {
    Path dir = s.home().resolve("kafka");
    Path config = dir.resolve("server.properties");
    if (s.externalKafka() != null) {
      return new Component(
          "kafka",
          List.of(0),
          "HUB_KAFKA_BOOTSTRAP",
          List::of,
          Map.of(),
          s.root(),
          () -> {},
          this::kafkaHealthy,
          Duration.ofSeconds(30),
          true,
          s.externalKafka());
    }
    java.util.function.Supplier<List<String>> cmd =
        () ->
            List.of(
                s.javaCommand(),
                "-Xmx384m",
                "-Xms32m",
                "-XX:+UseSerialGC",
                "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp",
                s.classpath(),
                "kafka.Kafka",
                config.toString());
    return new Component(
        "kafka",
        List.of(s.kafkaPort(), s.kafkaControllerPort()),
        "HUB_KAFKA_PORT",
        cmd,
        Map.of(),
        s.root(),
        () -> prepareKafka(dir, config),
        this::kafkaHealthy,
        Duration.ofSeconds(90),
        false,
        "localhost:" + s.kafkaPort());
  }

  private void prepareKafka(Path dir, Path config) {
    try {
      Files.createDirectories(dir);
      Path data = dir.resolve("data");
      Files.writeString(
          config,
          String.join(
              "\n",
              "process.roles=broker,controller",
              "node.id=1",
              "controller.quorum.voters=1@127.0.0.1:" + s.kafkaControllerPort(),
              "listeners=PLAINTEXT://127.0.0.1:"
                  + s.kafkaPort()
                  + ",CONTROLLER://127.0.0.1:"
                  + s.kafkaControllerPort(),
              "advertised.listeners=PLAINTEXT://localhost:" + s.kafkaPort(),
              "controller.listener.names=CONTROLLER",
              "inter.broker.listener.name=PLAINTEXT",
              "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
              "log.dirs=" + data,
              "num.partitions=3",
              "offsets.topic.replication.factor=1",
              "transaction.state.log.replication.factor=1",
              "transaction.state.log.min.isr=1",
              "share.coordinator.state.topic.replication.factor=1",
              "share.coordinator.state.topic.min.isr=1",
              "group.initial.rebalance.delay.ms=0",
              "auto.create.topics.enable=true",
              // the log cleaner (compacting __consumer_offsets) allocates its dedupe map at start:
              // 128 MB by default, a third of the broker's resident memory here; 8 MB holds 300,000
              // keys a pass, and this broker's compacted topics hold a few thousand
              "log.cleaner.dedupe.buffer.size=8388608",
              ""));
      Files.writeString(
          dir.resolve("log4j2.properties"),
          String.join(
              "\n",
              "rootLogger.level=INFO",
              "rootLogger.appenderRef.stdout.ref=STDOUT",
              "appender.stdout.type=Console",
              "appender.stdout.name=STDOUT",
              "appender.stdout.layout.type=PatternLayout",
              "appender.stdout.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n",
              "logger.kafka.name=kafka",
              "logger.kafka.level=WARN",
              "logger.kafkaorg.name=org.apache.kafka",
              "logger.kafkaorg.level=WARN",
              "logger.server.name=kafka.server.KafkaRaftServer",
              "logger.server.level=INFO",
              ""));
      if (!Files.exists(data.resolve("meta.properties"))) {
        List<String> format =
            List.of(
                s.javaCommand(),
                "-Xmx256m",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp",
                s.classpath(),
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                config.toString());
        if (processes.run("kafka", format) != 0) {
          throw new Hub.StartupFailure(
              "formatting Kafka's storage failed: see " + processes.logFile("kafka"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean kafkaHealthy() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrap());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1500);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
    try (Admin admin = Admin.create(props)) {
      return !admin.describeCluster().nodes().get().isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  private Component mongo() {
    if (s.externalMongo() != null) {
      return new Component(
          "mongodb",
          List.of(0),
          "HUB_MONGODB_URI",
          List::of,
          Map.of(),
          s.root(),
          () -> {},
          () -> true,
          Duration.ofSeconds(5),
          true,
          s.externalMongo());
    }
    String backend =
        "memory".equals(s.env().get("HUB_MONGODB_BACKEND"))
            ? "memory"
            : s.home().resolve("mongodb/cases.mv").toString();
    return new Component(
        "mongodb",
        List.of(s.mongoPort()),
        "HUB_MONGODB_PORT",
        () -> java("128m", MongoMain.class.getName(), Integer.toString(s.mongoPort()), backend),
        Map.of(),
        s.root(),
        () -> {},
        () -> Processes.portOpen(s.mongoPort()),
        Duration.ofSeconds(60),
        false,
        "localhost:" + s.mongoPort());
  }

  private Component keycloak() {
    if (s.externalKeycloak() != null) {
      return new Component(
          "keycloak",
          List.of(0),
          "HUB_KEYCLOAK_URL",
          List::of,
          Map.of(),
          s.root(),
          () -> {},
          () -> Hub.httpOk(s.issuerUri() + "/.well-known/openid-configuration"),
          Duration.ofSeconds(30),
          true,
          s.externalKeycloak());
    }
    Path dist = s.root().resolve(".hub/dist/keycloak-" + KEYCLOAK_VERSION);
    List<String> cmd =
        List.of(
            dist.resolve("bin/kc.sh").toString(),
            "start-dev",
            "--http-host=127.0.0.1",
            "--http-port=" + s.keycloakPort(),
            "--http-management-port=" + s.keycloakManagementPort(),
            "--hostname=http://localhost:" + s.keycloakPort(),
            "--health-enabled=true",
            "--import-realm",
            "--features=token-exchange:v1,admin-fine-grained-authz:v1",
            "--db=postgres",
            "--db-url=" + s.postgresBaseUrl() + "keycloak",
            "--db-username=" + s.postgresUser(),
            "--db-password=" + s.postgresPassword());
    Map<String, String> env = new HashMap<>();
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
    env.put("JAVA_HOME", Path.of(s.javaCommand()).getParent().getParent().toString());
    // A development server: C1 only and class-data sharing leave the two cores to the services
    // starting beside it.
    env.put(
        "JAVA_OPTS_APPEND",
        "-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="
            + s.home().resolve("cds/keycloak.jsa")
            + " -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"
            // Keycloak's G1 keeps what it grew to: a periodic collection when idle gives it back
            + " -XX:G1PeriodicGCInterval=30000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30");
    return new Component(
        "keycloak",
        List.of(s.keycloakPort(), s.keycloakManagementPort()),
        "HUB_KEYCLOAK_PORT",
        () -> cmd,
        env,
        dist,
        () -> {
          prepareKeycloak(dist);
          createDirectories(s.home().resolve("cds"));
        },
        () -> Hub.httpOk("http://127.0.0.1:" + s.keycloakManagementPort() + "/health/ready"),
        Duration.ofSeconds(300),
        false,
        s.keycloakUrl());
  }

  private void prepareKeycloak(Path dist) {
    try {
      if (!Files.exists(dist.resolve("bin/kc.sh"))) {
        Path zip = s.root().resolve("infra/devstack/target/keycloak-dist.zip");
        if (!Files.exists(zip)) {
          throw new Hub.StartupFailure(
              "Keycloak's distribution is missing: run ./mvnw -pl infra/devstack package");
        }
        System.out.println(
            "[hub] unpacking Keycloak " + KEYCLOAK_VERSION + " into " + dist.getParent());
        unzip(zip, dist.getParent());
        try (var scripts = Files.list(dist.resolve("bin"))) {
          scripts
              .filter(p -> p.toString().endsWith(".sh"))
              .forEach(p -> p.toFile().setExecutable(true));
        }
      }
      Path imports = dist.resolve("data/import");
      Files.createDirectories(imports);
      Files.copy(
          s.root().resolve("infra/keycloak/peak-realm.json"),
          imports.resolve("peak-realm.json"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void unzip(Path zip, Path target) throws IOException {
    Files.createDirectories(target);
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("zip entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          copy(in, out);
        }
      }
    }
  }

  private static void copy(InputStream in, Path out) throws IOException {
    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Spring Boot's own layout for running from a directory; done again only when the jar changed.
   * The class-data archive of the old jar goes with it: the JVM refuses a mismatched archive but,
   * seen here, does not write a new one over it, while it always writes one where there is none.
   */
  private void extract(String name, Path jar, Path target, Path cdsArchive) {
    try {
      Path stamp = target.resolve(".extracted-from");
      String version = Files.getLastModifiedTime(jar).toMillis() + " " + Files.size(jar);
      if (Files.exists(stamp) && Files.readString(stamp).equals(version)) {
        return;
      }
      deleteTree(target);
      Files.deleteIfExists(cdsArchive);
      int exit =
          processes.run(
              name,
              List.of(
                  s.javaCommand(),
                  "-Djarmode=tools",
                  "-jar",
                  jar.toString(),
                  "extract",
                  "--destination",
                  target.toString()));
      if (exit != 0) {
        throw new Hub.StartupFailure(
            "extracting " + jar + " failed (exit " + exit + "): see " + processes.logFile(name));
      }
      Files.writeString(stamp, version);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  // ---------------------------------------------------------------- services

  record ServiceSpec(String name, int defaultPort, String portVariable, String database) {}

  static final List<ServiceSpec> SERVICES =
      List.of(
          new ServiceSpec("identity-service", 8081, "HUB_IDENTITY_PORT", "identity"),
          new ServiceSpec("billing-service", 8082, "HUB_BILLING_PORT", "billing"),
          new ServiceSpec("subscription-service", 8083, "HUB_SUBSCRIPTION_PORT", "subscription"),
          new ServiceSpec("case-service", 8084, "HUB_CASE_PORT", null),
          new ServiceSpec("portal-bff", 8085, "HUB_BFF_PORT", "bff"),
          new ServiceSpec("gateway-service", 8080, "HUB_GATEWAY_PORT", null));

  int servicePort(String name) {
    ServiceSpec spec =
        SERVICES.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    return s.port(spec.portVariable(), spec.defaultPort());
  }

  String serviceUrl(String name) {
    return "http://localhost:" + servicePort(name);
  }

  List<Component> services() {
    return SERVICES.stream().map(this::service).toList();
  }

  private Component service(ServiceSpec spec) {
    int port = s.port(spec.portVariable(), spec.defaultPort());
    Path jar = s.root().resolve(spec.name() + "/target/" + spec.name() + ".jar");
    Path extracted = s.home().resolve("app").resolve(spec.name());
    Path cds = s.home().resolve("cds").resolve(spec.name() + ".jsa");
    List<String> cmd = new ArrayList<>();
    cmd.add(s.javaCommand());
    cmd.addAll(s.serviceJavaOptions(spec.name()));
    cmd.addAll(s.runtimeJavaOptions());
    // Class-data sharing: the JVM writes the archive when the service stops and maps it on the next
    // start (a third less start-up CPU). It needs the jar extracted, as nested jars are not
    // archived.
    cmd.addAll(
        List.of(
            "-XX:SharedArchiveFile=" + cds,
            "-XX:+AutoCreateSharedArchive",
            "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off",
            "-jar",
            extracted.resolve(spec.name() + ".jar").toString()));
    Map<String, String> env = new HashMap<>();
    env.put("SERVER_PORT", Integer.toString(port));
    env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrap());
    env.put("KEYCLOAK_ISSUER_URI", s.issuerUri());
    env.put("IDENTITY_SERVICE_URL", serviceUrl("identity-service"));
    env.put("BILLING_SERVICE_URL", serviceUrl("billing-service"));
    env.put("SUBSCRIPTION_SERVICE_URL", serviceUrl("subscription-service"));
    env.put("CASE_SERVICE_URL", serviceUrl("case-service"));
    env.put("PORTAL_BFF_URL", serviceUrl("portal-bff"));
    env.put("MONGODB_URI", s.mongoUri());
    if (spec.database() != null) {
      env.put("DB_URL", s.postgresBaseUrl() + spec.database());
      env.put("DB_USERNAME", s.postgresUser());
      env.put("DB_PASSWORD", s.postgresPassword());
    }
    return new Component(
        spec.name(),
        List.of(port),
        spec.portVariable(),
        () -> cmd,
        env,
        s.root(),
        () -> {
          if (!Files.exists(jar)) {
            throw new Hub.StartupFailure(
                jar + " is missing: run ./mvnw -B package -DskipTests (./hub up does it for you)");
          }
          extract(spec.name(), jar, extracted, cds);
          createDirectories(cds.getParent());
        },
        () -> Hub.httpOk("http://localhost:" + port + "/actuator/health/readiness"),
        Duration.ofSeconds(240),
        false,
        "localhost:" + port);
  }
}
