package io.peakhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {

  @Test
  void seedingAgainOnALaterDayDatesTheDemoDataFromTheFirstDay(@TempDir Path home) throws Exception {
    LocalDate first = LocalDate.of(2026, 12, 3);

    assertThat(DemoData.seedDate(home, first)).isEqualTo(first);
    assertThat(DemoData.seedDate(home, first.plusDays(1))).isEqualTo(first);
  }

  @Test
  void aResetStackIsDatedFromTheDayItIsSeeded(@TempDir Path home) throws Exception {
    assertThat(DemoData.seedDate(home.resolve("new"), LocalDate.of(2027, 1, 5)))
        .isEqualTo(LocalDate.of(2027, 1, 5));
  }
}
