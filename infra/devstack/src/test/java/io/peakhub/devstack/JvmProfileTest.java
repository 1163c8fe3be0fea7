package io.peakhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmProfileTest {

  static Settings with(Map<String, String> env) {
    return new Settings(Path.of("."), Path.of(".hub"), env);
  }

  @Test
  void theSmallProfileIsTheDefaultAndCompilesWithC1Only() {
    assertThat(with(Map.of()).serviceJavaOptions()).contains("-XX:TieredStopAtLevel=1", "-Xmx384m");
  }

  @Test
  void theProductionProfileRunsC2WithALargerHeap() {
    List<String> flags = with(Map.of("HUB_JVM_PROFILE", "production")).serviceJavaOptions();
    assertThat(flags)
        .contains("-Xmx512m", "-XX:+UseSerialGC", "-Dio.netty.leakDetection.level=disabled")
        .noneMatch(f -> f.startsWith("-XX:TieredStopAtLevel"));
    // the small profile (./hub up, and what the tests' services run) keeps Netty's leak detector
    assertThat(with(Map.of()).serviceJavaOptions()).noneMatch(f -> f.contains("leakDetection"));
  }

  @Test
  void nettysFastBufferAccessIsAllowedOnJdk24AndLaterOnly(@TempDir Path jdks) throws Exception {
    // JDK 21 to 23 allow it already and would refuse to start on the option
    Map<String, Boolean> allowed =
        Map.of("21.0.5", false, "23", false, "24.0.2", true, "25.0.1+8", true);
    for (var jdk : allowed.entrySet()) {
      Path home = Files.createDirectories(jdks.resolve(jdk.getKey()));
      Files.writeString(
          home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + jdk.getKey() + "\"\n");
      assertThat(with(Map.of("JAVA_HOME", home.toString())).runtimeJavaOptions())
          .as(jdk.getKey())
          .isEqualTo(jdk.getValue() ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of());
    }
  }

  @Test
  void explicitFlagsWinOverTheProfile() {
    assertThat(
            with(Map.of("HUB_JVM_PROFILE", "production", "HUB_JAVA_OPTS", " -Xmx1g  -XX:+UseZGC "))
                .serviceJavaOptions())
        .containsExactly("-Xmx1g", "-XX:+UseZGC");
  }

  @Test
  void anUnknownProfileIsRefusedNamingTheChoices() {
    assertThatThrownBy(() -> with(Map.of("HUB_JVM_PROFILE", "fast")).serviceJavaOptions())
        .hasMessageContaining("small")
        .hasMessageContaining("production");
  }

  @Test
  void dockerComposeRunsTheProductionProfileOfEachService() throws Exception {
    Settings production = with(Map.of("HUB_JVM_PROFILE", "production"));
    for (String service :
        List.of(
            "identity-service",
            "billing-service",
            "subscription-service",
            "case-service",
            "portal-bff",
            "gateway-service")) {
      @SuppressWarnings("unchecked")
      List<String> command =
          (List<String>) DockerComposeConsistencyTest.services().get(service).get("command");
      assertThat(command).as(service).containsAll(production.serviceJavaOptions(service));
      assertThat(command.contains("-Xmn64m"))
          .as(service + " has a fixed young generation")
          .isEqualTo(Settings.HOT_PATH.contains(service));
    }
  }

  @Test
  void theServicesOnEveryRequestsPathGetAFixedYoungGenerationInProductionOnly() {
    Settings production = with(Map.of("HUB_JVM_PROFILE", "production"));
    assertThat(production.serviceJavaOptions("gateway-service")).contains("-Xmn64m");
    assertThat(production.serviceJavaOptions("portal-bff")).contains("-Xmn64m");
    assertThat(production.serviceJavaOptions("billing-service")).doesNotContain("-Xmn64m");
    assertThat(with(Map.of()).serviceJavaOptions("gateway-service")).doesNotContain("-Xmn64m");
    assertThat(
            with(Map.of("HUB_JVM_PROFILE", "production", "HUB_JAVA_OPTS", "-Xmx1g"))
                .serviceJavaOptions("gateway-service"))
        .containsExactly("-Xmx1g");
  }
}
