package io.peakhub.bff;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;

/** A stand-in billing-service on a real port (WireMock), one per test JVM; tests reset it. */
public final class BillingStub {

  private static WireMockServer server;

  private BillingStub() {}

  public static synchronized WireMockServer server() {
    if (server == null) {
      server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }
    return server;
  }

  public static String url() {
    return "http://127.0.0.1:" + server().port();
  }

  public static List<ServeEvent> requests() {
    return server().getAllServeEvents();
  }

  /** A JSON answer as billing gives it. */
  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return WireMock.aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder problem(
      int status, String slug, String detail) {
    return WireMock.aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/problem+json")
        .withBody(
            "{\"type\":\"https://peakhub.io/problems/"
                + slug
                + "\",\"title\":\"x\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}");
  }
}
