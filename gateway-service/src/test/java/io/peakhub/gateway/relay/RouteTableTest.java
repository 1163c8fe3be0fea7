package io.peakhub.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.cloud.gateway.handler.predicate.GatewayPredicate;
import org.springframework.cloud.gateway.handler.predicate.MethodRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The relay's route lookup answers only what it knows (ReadRelayTest checks it against Spring Cloud
 * Gateway's own lookup on the gateway's routes).
 */
class RouteTableTest {

  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final GlobalCorsProperties cors = new GlobalCorsProperties();
  private final RouteTable table =
      new RouteTable(() -> Flux.fromIterable(routes), cors, Optional.empty());

  private static AsyncPredicate<ServerWebExchange> path(String pattern) {
    var config = new PathRoutePredicateFactory.Config();
    config.setPatterns(List.of(pattern));
    return AsyncPredicate.from(
        new PathRoutePredicateFactory(new WebFluxProperties()).apply(config));
  }

  private static AsyncPredicate<ServerWebExchange> method(HttpMethod method) {
    var config = new MethodRoutePredicateFactory.Config();
    config.setMethods(method);
    return AsyncPredicate.from(new MethodRoutePredicateFactory().apply(config));
  }

  private static Route route(String id, AsyncPredicate<ServerWebExchange> predicate) {
    return Route.async().id(id).uri("http://localhost:1").asyncPredicate(predicate).build();
  }

  private void load(Route... table) {
    routes.clear();
    routes.addAll(List.of(table));
    this.table.onApplicationEvent(new RefreshRoutesResultEvent(this));
  }

  private String match(HttpMethod method, String path) {
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
    Route route = table.match(exchange);
    assertThat(exchange.getAttributes())
        .doesNotContainKey(ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR);
    return route == null ? null : route.getId();
  }

  @Test
  void theFirstRouteInOrderWhosePredicatesAllMatch() {
    assertThat(match(HttpMethod.GET, "/api/settings")).as("before the routes are loaded").isNull();
    load(
        route("settings", path("/api/settings").and(method(HttpMethod.GET))),
        route("agents-or-settings", path("/api/agents").or(path("/api/settings"))),
        route("api", path("/api/**")));
    assertThat(match(HttpMethod.GET, "/api/settings")).isEqualTo("settings");
    assertThat(match(HttpMethod.PUT, "/api/settings")).isEqualTo("agents-or-settings");
    assertThat(match(HttpMethod.GET, "/api/agents")).isEqualTo("agents-or-settings");
    assertThat(match(HttpMethod.GET, "/api/accounts/a1/header")).isEqualTo("api");
    assertThat(match(HttpMethod.GET, "/accounts/a1")).isNull();

    // a refresh replaces the table
    load(route("api", path("/api/**")));
    assertThat(match(HttpMethod.GET, "/api/settings")).isEqualTo("api");
    // a failed refresh keeps it, as the locator keeps its routes
    routes.clear();
    table.onApplicationEvent(new RefreshRoutesResultEvent(this, new IllegalStateException()));
    assertThat(match(HttpMethod.GET, "/api/settings")).isEqualTo("api");
  }

  @Test
  void springCloudGatewaysOwnPredicatesAreTestedPartByPartInTheirOrder() {
    // taken apart: were a Spring Cloud Gateway version to rename their fields, this fails (the
    // table would still choose the same routes, by applying the predicates, only slower)
    assertThat(PredicateParts.synchronous(path("/api/**"))).isNotNull();
    assertThat(PredicateParts.and(path("/api/**").and(method(HttpMethod.GET)))).isNotNull();
    assertThat(PredicateParts.or(path("/api/**").or(method(HttpMethod.GET)))).isNotNull();
    assertThat(PredicateParts.and(path("/api/**").or(method(HttpMethod.GET)))).isNull();

    List<String> tested = new CopyOnWriteArrayList<>();
    load(
        route(
            "put-settings",
            path("/api/settings").and(counted("put", tested, method(HttpMethod.PUT)))),
        route(
            "agents",
            counted("agents", tested, path("/api/agents"))
                .or(counted("get", tested, method(HttpMethod.GET)))),
        route("api", path("/api/**")));
    assertThat(match(HttpMethod.GET, "/api/accounts/a1")).isEqualTo("agents");
    // the and stopped at its path; the or went on to its second side
    assertThat(tested).containsExactly("agents", "get");
    tested.clear();
    assertThat(match(HttpMethod.PUT, "/api/settings")).isEqualTo("put-settings");
    assertThat(tested).containsExactly("put");
    tested.clear();
    assertThat(match(HttpMethod.POST, "/api/agents")).isEqualTo("agents");
    assertThat(tested).as("the or's first side decided").containsExactly("agents");
  }

  @Test
  void aPathPredicateIsAskedOnlyForAPathOfItsShape() {
    List<String> tested = new CopyOnWriteArrayList<>();
    Route[] gatewayLike = {
      route("settings", notedPath("/api/settings", tested).and(method(HttpMethod.GET))),
      route("contacts", notedPath("/api/accounts/{accountId}/portal-contacts", tested)),
      route("events", notedPath("/api/accounts/*/header/events", tested)),
      route("api", notedPath("/api/**", tested))
    };
    load(gatewayLike);
    assertThat(match(HttpMethod.GET, "/api/accounts/a1/header")).isEqualTo("api");
    assertThat(tested).as("the others have another shape").containsExactly("/api/**");
    tested.clear();

    var exchange =
        MockServerWebExchange.from(MockServerHttpRequest.get("/api/accounts/a1/portal-contacts"));
    assertThat(table.match(exchange).getId()).isEqualTo("contacts");
    assertThat(tested).containsExactly("/api/accounts/{accountId}/portal-contacts");
    assertThat(ServerWebExchangeUtils.getUriTemplateVariables(exchange))
        .as("the pattern, asked, still sets the route's variables")
        .containsEntry("accountId", "a1");
    tested.clear();

    // not a plain path (a trailing slash): every pattern is asked, and decides
    assertThat(match(HttpMethod.GET, "/api/settings/")).isEqualTo("api");
    assertThat(tested).hasSize(4);
    tested.clear();

    // with a base path, Spring Cloud Gateway prefixes the patterns: they are always asked
    var webFlux = new WebFluxProperties();
    webFlux.setBasePath("/hub");
    var withBasePath = new RouteTable(() -> Flux.fromIterable(routes), cors, Optional.of(webFlux));
    withBasePath.onApplicationEvent(new RefreshRoutesResultEvent(this));
    withBasePath.match(MockServerWebExchange.from(MockServerHttpRequest.get("/api/a/b/c/d")));
    assertThat(tested).hasSize(4);
  }

  /**
   * A Path predicate as Spring Cloud Gateway makes it, noting its pattern each time it is asked.
   */
  private static AsyncPredicate<ServerWebExchange> notedPath(String pattern, List<String> tested) {
    var config = new PathRoutePredicateFactory.Config();
    config.setPatterns(List.of(pattern));
    Predicate<ServerWebExchange> real =
        new PathRoutePredicateFactory(new WebFluxProperties()).apply(config);
    return AsyncPredicate.from(
        new GatewayPredicate() {
          @Override
          public boolean test(ServerWebExchange exchange) {
            tested.add(pattern);
            return real.test(exchange);
          }

          @Override
          public Object getConfig() {
            return config;
          }
        });
  }

  /** The predicate, noting its name each time it is tested. */
  private static AsyncPredicate<ServerWebExchange> counted(
      String name, List<String> tested, AsyncPredicate<ServerWebExchange> p) {
    Predicate<ServerWebExchange> inner = PredicateParts.synchronous(p);
    GatewayPredicate noted =
        exchange -> {
          tested.add(name);
          return inner.test(exchange);
        };
    return AsyncPredicate.from(noted);
  }

  @Test
  void anAsynchronousPredicateOnTheWayLeavesTheRequestToTheChains() {
    AsyncPredicate<ServerWebExchange> later =
        exchange -> Mono.delay(Duration.ofMillis(50)).thenReturn(true);
    load(
        route("settings", path("/api/settings")),
        route("async", later),
        route("api", path("/api/**")));
    assertThat(match(HttpMethod.GET, "/api/settings")).isEqualTo("settings");
    assertThat(match(HttpMethod.GET, "/api/agents")).isNull();
    // negation hides what it negates: taken as asynchronous
    load(route("not-settings", path("/api/settings").negate()), route("api", path("/api/**")));
    assertThat(match(HttpMethod.GET, "/api/agents")).isNull();
  }

  @Test
  void aCorsConfigurationLeavesEveryRequestToTheChains() {
    cors.getCorsConfigurations().putAll(Map.of("/**", new CorsConfiguration()));
    var withCors = new RouteTable(() -> Flux.fromIterable(routes), cors, Optional.empty());
    routes.add(route("api", path("/api/**")));
    withCors.onApplicationEvent(new RefreshRoutesResultEvent(this));
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/settings"));
    assertThat(withCors.match(exchange)).isNull();
  }
}
