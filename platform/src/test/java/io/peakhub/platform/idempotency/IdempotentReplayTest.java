package io.peakhub.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peakhub.platform.problem.ConflictException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotentReplayTest {

  record Stored(String requestHash, String answer) {}

  private final AtomicInteger runs = new AtomicInteger();

  private String call(String fingerprint, Optional<Stored> previous) {
    return IdempotentReplay.replayOrRun(
        fingerprint,
        () -> previous,
        Stored::requestHash,
        "payment",
        s -> "replayed " + s.answer(),
        () -> "ran " + runs.incrementAndGet());
  }

  @Test
  void aNewKeyRunsTheRequest() {
    assertThat(call("h1", Optional.empty())).isEqualTo("ran 1");
  }

  @Test
  void theSameKeyAndRequestReplaysWithoutRunning() {
    assertThat(call("h1", Optional.of(new Stored("h1", "first")))).isEqualTo("replayed first");
    assertThat(runs).hasValue(0);
  }

  @Test
  void theSameKeyWithAnotherRequestIsAConflictAndRunsNothing() {
    assertThatThrownBy(() -> call("h2", Optional.of(new Stored("h1", "first"))))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("different payment");
    assertThat(runs).hasValue(0);
  }
}
