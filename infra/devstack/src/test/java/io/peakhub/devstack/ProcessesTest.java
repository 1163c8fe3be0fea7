package io.peakhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {

  @TempDir Path home;

  @Test
  void stoppingAComponentStopsItsWholeProcessTree() throws Exception {
    Settings settings = new Settings(home, home, Map.of());
    Processes processes = new Processes(settings);
    // a parent that ignores SIGTERM for a while and two children, like kc.sh and its java
    ProcessHandle root =
        processes.start(
            "tree", List.of("bash", "-c", "sleep 300 & sleep 300 & wait"), Map.of(), home);
    Thread.sleep(300);
    List<ProcessHandle> children = root.descendants().toList();
    assertThat(children).hasSizeGreaterThanOrEqualTo(2);
    assertThat(processes.running("tree")).isPresent();
    assertThat(Files.readString(processes.pidFile("tree")).trim())
        .isEqualTo(Long.toString(root.pid()));

    assertThat(processes.stop("tree", Duration.ofSeconds(5))).isTrue();

    assertThat(root.isAlive()).isFalse();
    assertThat(children).noneMatch(ProcessHandle::isAlive);
    assertThat(processes.running("tree")).isEmpty();
    assertThat(processes.pidFile("tree")).doesNotExist();
  }

  @Test
  void everyComponentGetsItsOwnTemporaryDirectoryUnderTheStacksHome() throws Exception {
    Settings settings = new Settings(home, home, Map.of());
    Processes processes = new Processes(settings);
    String javaCommand = settings.javaCommand();
    ProcessHandle p =
        processes.start(
            "probe", List.of(javaCommand, "-XshowSettings:properties", "-version"), Map.of(), home);
    p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    String log = Files.readString(processes.logFile("probe"));
    assertThat(log).contains("java.io.tmpdir = " + home.resolve("tmp/probe"));
    assertThat(home.resolve("tmp/probe")).isDirectory();

    assertThat(processes.run("step", List.of("bash", "-c", "echo \"$TMPDIR\""))).isZero();
    assertThat(Files.readString(processes.logFile("step")))
        .contains(home.resolve("tmp/step").toString());
  }

  @Test
  void aCallersJavaToolOptionsAreKeptAndTheComponentsTemporaryDirectoryWins() {
    assertThat(Processes.javaToolOptions(null, Path.of("/h/tmp/x")))
        .isEqualTo("-Djava.io.tmpdir=/h/tmp/x");
    assertThat(Processes.javaToolOptions("-Djava.io.tmpdir=/tmp/a -Xss1m", Path.of("/h/tmp/x")))
        .isEqualTo("-Djava.io.tmpdir=/tmp/a -Xss1m -Djava.io.tmpdir=/h/tmp/x");
  }

  @Test
  void aTakenPortStopsStartUpNamingThePortAndTheVariable() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Settings settings =
          new Settings(home, home, Map.of("HUB_MONGODB_PORT", Integer.toString(port)));
      Hub hub = new Hub(settings);
      var mongo =
          new Components(settings, new Processes(settings))
              .infrastructure().stream().filter(c -> c.name().equals("mongodb")).toList();
      assertThatThrownBy(() -> hub.startAll(mongo))
          .hasMessageContaining("port " + port + " (mongodb) is taken")
          .hasMessageContaining("HUB_MONGODB_PORT");
      assertThat(new Processes(settings).running("mongodb")).isEmpty();
    }
  }
}
