package io.peakhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's flame graph from a real JFR recording of this JVM burning CPU in a known method. */
class FlameGraphTest {

  static volatile long sink;

  static void burnCpuForTheFlameGraph(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    long x = 1;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 10_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    sink = x;
  }

  static void deep(int depth, Duration d) {
    if (depth == 0) {
      burnCpuForTheFlameGraph(d);
    } else {
      deep(depth - 1, d);
    }
  }

  @Test
  void stacksDeeperThanTheRecordingKeptAreGatheredUnderOneRoot(@TempDir Path dir) throws Exception {
    Path jfr = dir.resolve("deep.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      deep(150, Duration.ofMillis(1000)); // deeper than the 64 frames a recording keeps by default
      recording.stop();
      recording.dump(jfr);
    }
    FlameGraph graph = FlameGraph.of(jfr);
    graph.writeFolded(dir.resolve("deep.folded"));
    assertThat(Files.readAllLines(dir.resolve("deep.folded")))
        .isNotEmpty()
        .filteredOn(line -> line.contains("burnCpuForTheFlameGraph"))
        .isNotEmpty()
        .allMatch(line -> line.startsWith("[truncated];"));
  }

  @Test
  void theBusiestMethodIsInTheFoldedStacksTheSvgAndTheTopFrames(@TempDir Path dir)
      throws Exception {
    Path jfr = dir.resolve("burn.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      burnCpuForTheFlameGraph(Duration.ofMillis(1500));
      recording.stop();
      recording.dump(jfr);
    }

    FlameGraph graph = FlameGraph.of(jfr);
    assertThat(graph.samples()).isGreaterThan(10);
    graph.writeFolded(dir.resolve("burn.folded"));
    graph.writeSvg(dir.resolve("burn.svg"), "burn <test>");

    String folded = Files.readString(dir.resolve("burn.folded"));
    assertThat(folded)
        .contains(
            "io.peakhub.devstack.FlameGraphTest.theBusiestMethodIsInTheFoldedStacksTheSvgAndTheTopFrames;"
                + "io.peakhub.devstack.FlameGraphTest.burnCpuForTheFlameGraph");
    String svg = Files.readString(dir.resolve("burn.svg"));
    assertThat(svg)
        .startsWith("<svg")
        .contains("burnCpuForTheFlameGraph")
        .contains("burn &lt;test&gt;");
    // the leaf frame: the burning loop itself or System.nanoTime it calls
    assertThat(graph.topSelf(3).keySet())
        .anyMatch(f -> f.contains("burnCpuForTheFlameGraph") || f.contains("nanoTime"));
    assertThat(graph.topSelf(1).values().iterator().next()).isGreaterThan(20.0);
  }
}
