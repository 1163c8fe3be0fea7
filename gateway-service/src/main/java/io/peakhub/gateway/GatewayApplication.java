package io.peakhub.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import reactor.netty.ReactorNetty;

@SpringBootApplication
public class GatewayApplication {

  public static void main(String[] args) {
    oneEventLoopPerCore();
    SpringApplication.run(GatewayApplication.class, args);
  }

  /**
   * One Reactor Netty event loop per core, for the browser's connections and those to the services
   * alike, unless {@code -Dreactor.netty.ioWorkerCount} says otherwise. Reactor Netty's default is
   * at least four; on a two-core box four loops took turns on two cores, each woken for fewer
   * events: the header at a fixed 800 requests/s cost the gateway 0.46 ms of CPU a request with
   * four loops and 0.42 with two (medians of 8 interleaved pairs, two gateways side by side, lower
   * in all 8), with no difference at saturation. Nothing blocks on these loops (a proxy's loops are
   * nginx's {@code worker_processes auto}: one per core). Must run before Reactor Netty's loop
   * resources are first loaded, which read the property once.
   */
  static void oneEventLoopPerCore() {
    if (System.getProperty(ReactorNetty.IO_WORKER_COUNT) == null) {
      System.setProperty(
          ReactorNetty.IO_WORKER_COUNT,
          Integer.toString(Runtime.getRuntime().availableProcessors()));
    }
  }
}
