package io.peakhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this keeps it honest against the code.
 */
class DockerComposeConsistencyTest {

  static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> services() throws Exception {
    Map<String, Object> compose =
        new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  @Test
  void everyServiceOfTheDevstackIsInComposeWithItsJarAndPort() throws Exception {
    var compose = services();
    for (Components.ServiceSpec spec : Components.SERVICES) {
      assertThat(compose).as(spec.name()).containsKey(spec.name());
      var service = compose.get(spec.name());
      assertThat(service.get("volumes").toString())
          .contains("./" + spec.name() + "/target/" + spec.name() + ".jar");
      assertThat(Files.exists(ROOT.resolve(spec.name()).resolve("pom.xml")))
          .as(spec.name() + "/pom.xml")
          .isTrue();
      @SuppressWarnings("unchecked")
      var env = (Map<String, Object>) service.get("environment");
      assertThat(env.get("SERVER_PORT")).isEqualTo(Integer.toString(spec.defaultPort()));
    }
  }

  @Test
  void everyVariableComposeSetsIsReadByThatServiceAndSetByTheDevstackToo() throws Exception {
    Settings settings = new Settings(ROOT, ROOT.resolve(".hub"), Map.of());
    Components components = new Components(settings, new Processes(settings));
    String platformDefaults =
        Files.readString(ROOT.resolve("platform/src/main/resources/platform-defaults.properties"));
    for (var entry : services().entrySet()) {
      String name = entry.getKey();
      if (Components.SERVICES.stream().noneMatch(s -> s.name().equals(name))) {
        continue;
      }
      String config = Files.readString(ROOT.resolve(name + "/src/main/resources/application.yml"));
      boolean usesPlatform =
          Files.readString(ROOT.resolve(name + "/pom.xml"))
              .contains("<artifactId>platform</artifactId>");
      Set<String> devstackEnv =
          new HashSet<>(
              components.services().stream()
                  .filter(c -> c.name().equals(name))
                  .findFirst()
                  .orElseThrow()
                  .env()
                  .keySet());
      @SuppressWarnings("unchecked")
      var env = (Map<String, Object>) entry.getValue().get("environment");
      for (String variable : env.keySet()) {
        boolean read =
            config.contains("${" + variable + ":")
                || (usesPlatform && platformDefaults.contains("${" + variable + ":"));
        assertThat(read).as(name + " reads " + variable).isTrue();
        if (!variable.startsWith("GATEWAY_CLIENT_")) {
          assertThat(devstackEnv)
              .as("devstack sets " + variable + " for " + name)
              .contains(variable);
        }
      }
    }
  }

  @Test
  void serversUseOfficialImagesAndTheRealmOfTheDevstack() throws Exception {
    var compose = services();
    assertThat(compose.get("postgres").get("image").toString()).startsWith("postgres:");
    assertThat(compose.get("kafka").get("image").toString()).startsWith("apache/kafka:");
    assertThat(compose.get("mongodb").get("image").toString()).startsWith("mongo:");
    assertThat(compose.get("keycloak").get("image").toString())
        .isEqualTo("quay.io/keycloak/keycloak:" + Components.KEYCLOAK_VERSION);
    assertThat(compose.get("keycloak").get("volumes").toString())
        .contains("./infra/keycloak/peak-realm.json");
    assertThat(Files.readString(ROOT.resolve("infra/postgres/init.sql")))
        .contains(
            Components.DATABASES.stream()
                .map(d -> "CREATE DATABASE " + d + ";")
                .toList()
                .toArray(new String[0]));
    assertThat((List<?>) compose.get("keycloak").get("command"))
        .anySatisfy(a -> assertThat(a.toString()).startsWith("--features=token-exchange:v1"));
  }
}
