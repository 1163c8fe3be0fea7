package io.peakhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.ReactorNetty;

/** The gateway's event loops: one per core unless the operator sets the count. */
class EventLoopsTest {

  private final String before = System.getProperty(ReactorNetty.IO_WORKER_COUNT);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(ReactorNetty.IO_WORKER_COUNT);
    } else {
      System.setProperty(ReactorNetty.IO_WORKER_COUNT, before);
    }
  }

  @Test
  void oneLoopPerCoreByDefault() {
    System.clearProperty(ReactorNetty.IO_WORKER_COUNT);
    GatewayApplication.oneEventLoopPerCore();
    assertThat(System.getProperty(ReactorNetty.IO_WORKER_COUNT))
        .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
  }

  @Test
  void anOperatorsCountIsKept() {
    System.setProperty(ReactorNetty.IO_WORKER_COUNT, "7");
    GatewayApplication.oneEventLoopPerCore();
    assertThat(System.getProperty(ReactorNetty.IO_WORKER_COUNT)).isEqualTo("7");
  }
}
