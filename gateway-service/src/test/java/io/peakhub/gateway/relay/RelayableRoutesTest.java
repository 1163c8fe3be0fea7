package io.peakhub.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;

/** Which routes the read relay may serve: only those whose every filter it does itself. */
class RelayableRoutesTest {

  private static RouteDefinition route(String id, String... filters) {
    var route = new RouteDefinition();
    route.setId(id);
    route.setUri(URI.create("http://localhost:8085"));
    route.setFilters(List.of(filters).stream().map(FilterDefinition::new).toList());
    return route;
  }

  private static RelayableRoutes of(RouteDefinition... routes) {
    var gateway = new GatewayProperties();
    gateway.setRoutes(List.of(routes));
    return new RelayableRoutes(gateway);
  }

  @Test
  void aRouteOfTokenRelayAndHeaderRemovalsIsRelayedWithThoseRemovals() {
    var routes =
        of(
            route(
                "bff",
                "TokenRelay=",
                "RemoveRequestHeader=Cookie",
                "RemoveRequestHeader=X-XSRF-TOKEN",
                "RemoveResponseHeader=X-Frame-Options"));
    assertThat(routes.rules("bff"))
        .isEqualTo(
            new RelayableRoutes.Rules(Set.of("cookie", "x-xsrf-token"), Set.of("x-frame-options")));
  }

  @Test
  void anyOtherFilterAnotherClientMetadataOrNoTokenRelayKeepsARouteOnTheChains() {
    var streamed = route("streamed", "TokenRelay=");
    streamed.setMetadata(Map.of("response-timeout", -1));
    var routes =
        of(
            route("rewritten", "TokenRelay=", "SetPath=/settings"),
            route("other-client", "TokenRelay=billing"),
            route("no-token", "RemoveRequestHeader=Cookie"),
            streamed);
    assertThat(routes.rules("rewritten")).isNull();
    assertThat(routes.rules("other-client")).isNull();
    assertThat(routes.rules("no-token")).isNull();
    assertThat(routes.rules("streamed")).isNull();
    assertThat(routes.rules("unknown")).isNull();
  }

  @Test
  void defaultFiltersKeepEveryRouteOnTheChains() {
    var gateway = new GatewayProperties();
    gateway.setRoutes(List.of(route("bff", "TokenRelay=")));
    gateway.setDefaultFilters(List.of(new FilterDefinition("AddRequestHeader=X-A, b")));
    assertThat(new RelayableRoutes(gateway).rules("bff")).isNull();
  }
}
