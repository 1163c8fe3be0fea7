package io.peakhub.gateway.relay;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.context.Context;

/**
 * A signed-in browser's reads (GET) on a relayable route, sent on with the session's access token
 * without running Spring Security's filter chain and Spring Cloud Gateway's: at the same outcome,
 * about half the gateway's CPU a request (the header, {@code ./hub bench}). It serves a request
 * only when the chains would let it through unchanged:
 *
 * <ul>
 *   <li>a GET without a body (and not a gRPC call), whose first matching route (Spring Cloud
 *       Gateway's own predicates, in its order) is relayable: see {@link RelayableRoutes};
 *   <li>the session (the same {@code WebSession} the chains read, so expiry is theirs) holds an
 *       authenticated OAuth2 login and its authorized client, whose access token is valid for more
 *       than {@link #STILL_VALID}. In its last minute (Spring Security's clock skew, when the
 *       chains would refresh it first) the read goes on with it at once, and the session's refresh
 *       runs beside it through Spring Security's authorized-client manager, once for all the
 *       session's reads ({@code OneRefreshAtATime}): no read waits for Keycloak. Measured before,
 *       every read of the session waited for the refresh: 165 to 290 ms for 16 connections at 1,500
 *       requests/s;
 *   <li>the browser already has its XSRF-TOKEN cookie (the chain would write one).
 * </ul>
 *
 * Everything else, and any request whose check does not pass, goes through the chains as before: no
 * session gets the 401 problem there, an old token is refreshed there. The impersonation filter and
 * the browser's Authorization header removal run before this one, as before the chains. The headers
 * both ways get what Spring Cloud Gateway's header filters (hop-by-hop, forwarded headers) and the
 * route's RemoveRequestHeader and RemoveResponseHeader do to them, in one pass: see {@link
 * RelayHeaders}. The security chain's own header writer adds the response's security headers.
 *
 * <p>The one difference: Spring Cloud Gateway opens a client observation (a span and the {@code
 * http.client.requests} timer) for each call it sends on, a tenth of the relay's CPU. A relayed
 * read opens none: it sends the trace context of the gateway's server span, so portal-bff's span
 * and log lines carry the browser request's trace id as before, and the server's {@code
 * http.server.requests} still times it.
 */
@Component
@ConditionalOnBooleanProperty(name = "peakhub.read-relay.enabled", matchIfMissing = true)
@Order(-101) // after ImpersonationFilter (-102), before Spring Security's chain (-100)
public class ReadRelay implements WebFilter {

  private static final Logger log = LoggerFactory.getLogger(ReadRelay.class);

  /** Spring Security refreshes a token that expires within this (its default clock skew). */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  /**
   * A token valid for less than this is left to the chains, which refresh it before the read goes
   * on: portal-bff must get it before it expires.
   */
  static final Duration STILL_VALID = Duration.ofSeconds(10);

  private static final String XSRF_COOKIE = "XSRF-TOKEN";

  /**
   * The Reactor context resolved once, where the relay starts and again around its client call:
   * every operator asks for it when subscribed, and without these each one looked for it up through
   * the whole filter chain ({@code InnerOperator.currentContext}, 7 to 9% of the gateway's samples
   * for a relayed read).
   */
  private static final Function<Context, Context> RESOLVED = Function.identity();

  private final RelayableRoutes routes;
  private final RouteTable routeTable;
  private final ObjectProvider<DispatcherHandler> dispatcher;
  private final HttpClient httpClient;
  private final ObjectProvider<List<HttpHeadersFilter>> headersFiltersProvider;
  private final HttpClientProperties httpClientProperties;
  private final ServerOAuth2AuthorizedClientRepository authorizedClients;
  private final ReactiveOAuth2AuthorizedClientManager clientManager;
  private final WebSessionServerSecurityContextRepository contexts =
      new WebSessionServerSecurityContextRepository();
  private final HttpHeaderWriterWebFilter securityHeaders;
  private final Clock clock;
  private final Propagator propagator; // null when tracing is off
  private volatile Optional<RelayHeaders> relayHeaders; // null until the first read
  private volatile HandlersBeforeRoutes handlersBeforeRoutes;

  ReadRelay(
      RelayableRoutes routes,
      RouteTable routeTable,
      ObjectProvider<DispatcherHandler> dispatcher,
      HttpClient httpClient,
      ObjectProvider<List<HttpHeadersFilter>> headersFiltersProvider,
      HttpClientProperties httpClientProperties,
      ServerOAuth2AuthorizedClientRepository authorizedClients,
      ReactiveOAuth2AuthorizedClientManager clientManager,
      SecurityWebFilterChain browserChain,
      Optional<Clock> clock,
      ObjectProvider<Propagator> propagator) {
    this.routes = routes;
    this.routeTable = routeTable;
    this.dispatcher = dispatcher;
    this.httpClient = httpClient;
    this.headersFiltersProvider = headersFiltersProvider;
    this.httpClientProperties = httpClientProperties;
    this.authorizedClients = authorizedClients;
    this.clientManager = clientManager;
    this.securityHeaders =
        browserChain
            .getWebFilters()
            .ofType(HttpHeaderWriterWebFilter.class)
            .next()
            .blockOptional()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the browser chain has no header writer for the read relay to apply"));
    this.clock = clock.orElse(Clock.systemUTC());
    // resolved once: a bean factory lookup a request was a twentieth of the relay's CPU
    this.propagator = propagator.getIfAvailable();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    RelayHeaders headers = candidate(request) ? relayHeaders() : null;
    if (headers == null) {
      return chain.filter(exchange);
    }
    return routeOf(exchange)
        .flatMap(route -> relayable(exchange, route))
        .flatMap(
            relay ->
                securityHeaders
                    .filter(exchange, relayed -> send(relayed, relay, headers))
                    .thenReturn(Boolean.TRUE))
        .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(Boolean.FALSE)))
        .then()
        .contextWrite(RESOLVED);
  }

  /**
   * The filter chain names each filter by its {@code toString()} on every request (a Reactor
   * checkpoint): {@code Object}'s, with its identity hash in hex, was 1% of the gateway's CPU.
   */
  @Override
  public String toString() {
    return "ReadRelay";
  }

  /** Cheap checks first: most requests that are not relayed stop here. */
  private static boolean candidate(ServerHttpRequest request) {
    if (request.getMethod() != HttpMethod.GET
        || !request.getPath().value().startsWith("/api/")
        || request.getCookies().getFirst(XSRF_COOKIE) == null) {
      return false;
    }
    HttpHeaders headers = request.getHeaders();
    return headers.getContentLength() <= 0
        && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)
        && RelayHeaders.relayable(headers);
  }

  /**
   * The route this request goes to, found as the dispatcher finds its handler: the handler mappings
   * it asks before Spring Cloud Gateway's (the gateway's own controllers, such as {@code GET
   * /api/impersonation}, come first), then Spring Cloud Gateway's routes in their order; empty when
   * anything else would handle it, or the route table cannot tell. See {@link HandlersBeforeRoutes}
   * and {@link RouteTable}.
   */
  private Mono<Route> routeOf(ServerWebExchange exchange) {
    HandlersBeforeRoutes before = handlersBeforeRoutes();
    if (before == null || !before.hasRoutes() || before.ownPath(exchange.getRequest().getPath())) {
      return Mono.empty();
    }
    return before
        .anyOtherHandles(exchange)
        .flatMap(handled -> handled ? Mono.empty() : Mono.justOrEmpty(routeTable.match(exchange)));
  }

  private HandlersBeforeRoutes handlersBeforeRoutes() {
    HandlersBeforeRoutes before = handlersBeforeRoutes;
    if (before == null) {
      List<HandlerMapping> mappings = dispatcher.getObject().getHandlerMappings();
      if (mappings == null) {
        return null; // not initialized yet: the chains answer
      }
      before = HandlersBeforeRoutes.of(mappings);
      handlersBeforeRoutes = before;
    }
    return before;
  }

  /** The route's relay, when its filters allow one and the session's token is good for it. */
  private Mono<Relay> relayable(ServerWebExchange exchange, Route route) {
    RelayableRoutes.Rules rules = routes.rules(route.getId());
    if (rules == null) {
      return Mono.empty();
    }
    return contexts
        .load(exchange)
        // filter and map, not mapNotNull: with the context propagation tracing turns on, a
        // mapNotNull (a handle) restores the thread locals from the Reactor context each time
        .filter(
            context ->
                context.getAuthentication() instanceof OAuth2AuthenticationToken login
                    && login.isAuthenticated())
        .flatMap(
            context -> {
              var login = (OAuth2AuthenticationToken) context.getAuthentication();
              return authorizedClients
                  .<OAuth2AuthorizedClient>loadAuthorizedClient(
                      login.getAuthorizedClientRegistrationId(), login, exchange)
                  .filter(client -> validFor(client.getAccessToken(), STILL_VALID))
                  .doOnNext(
                      client -> {
                        if (!validFor(client.getAccessToken(), CLOCK_SKEW)) {
                          refreshBeside(exchange, login);
                        }
                      });
            })
        .map(client -> new Relay(route, rules, client.getAccessToken().getTokenValue()));
  }

  private boolean validFor(OAuth2AccessToken token, Duration atLeast) {
    return token.getExpiresAt() != null
        && token.getExpiresAt().isAfter(clock.instant().plus(atLeast));
  }

  /**
   * The session's refresh, as the chains' TokenRelay asks for it (load, refresh, save in the
   * session), while the read goes on with the token it has. The session's other reads in the
   * meantime join the same refresh; a refusal (Keycloak's session ended) removes the client from
   * the session as in the chains, and the next read gets their answer.
   */
  private void refreshBeside(ServerWebExchange exchange, OAuth2AuthenticationToken login) {
    clientManager
        .authorize(
            OAuth2AuthorizeRequest.withClientRegistrationId(
                    login.getAuthorizedClientRegistrationId())
                .principal(login)
                .attribute(ServerWebExchange.class.getName(), exchange)
                .build())
        .subscribe(
            refreshed -> {},
            error ->
                log.info(
                    "token refresh beside a read failed ({}): the next read goes through the"
                        + " chains",
                    error.toString()));
  }

  private Mono<Void> send(ServerWebExchange exchange, Relay relay, RelayHeaders headers) {
    return Mono.defer(
        () -> {
          URI url = targetUrl(exchange.getRequest().getURI(), relay.route().getUri());
          exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, url);
          var response = exchange.getResponse();
          var buffers = (NettyDataBufferFactory) response.bufferFactory();
          Mono<Void> relayed =
              httpClient
                  .request(io.netty.handler.codec.http.HttpMethod.GET)
                  .uri(url)
                  // the headers go on the request itself: HttpClient.headers(...) would copy the
                  // client's configuration for every read
                  .send(
                      (request, outbound) -> {
                        var outgoing = request.requestHeaders();
                        headers.request(
                            exchange.getRequest().getHeaders(),
                            relay.rules().removedRequestHeaders(),
                            outgoing);
                        outgoing.set(HttpHeaders.AUTHORIZATION, "Bearer " + relay.accessToken());
                        sendTraceContext(exchange, outgoing);
                        return outbound; // no body: the request as it is
                      })
                  .responseConnection(
                      (res, connection) -> {
                        response.setStatusCode(HttpStatus.valueOf(res.status().code()));
                        headers.response(
                            res.responseHeaders(),
                            relay.rules().removedResponseHeaders(),
                            response.getHeaders());
                        return response.writeWith(
                            connection.inbound().receive().retain().map(buffers::wrap));
                      })
                  .then()
                  .contextWrite(RESOLVED);
          Duration timeout = httpClientProperties.getResponseTimeout();
          return timeout == null
              ? relayed
              : relayed.timeout(
                  timeout,
                  Mono.error(
                      () ->
                          new ResponseStatusException(
                              HttpStatus.GATEWAY_TIMEOUT,
                              "Response took longer than timeout: " + timeout)));
        });
  }

  /**
   * The trace context of the gateway's server span (the one the browser's request opened), in the
   * headers the tracer's propagation writes ({@code traceparent} by default). The server
   * observation's context is the exchange's attribute: no walk through the Reactor context.
   */
  private void sendTraceContext(
      ServerWebExchange exchange, io.netty.handler.codec.http.HttpHeaders outgoing) {
    if (propagator == null) {
      return;
    }
    ServerRequestObservationContext server =
        ServerRequestObservationContext.findCurrent(exchange.getAttributes()).orElse(null);
    TracingObservationHandler.TracingContext tracing =
        server == null ? null : server.get(TracingObservationHandler.TracingContext.class);
    Span span = tracing == null ? null : tracing.getSpan();
    if (span != null) {
      propagator.inject(
          span.context(), outgoing, (carrier, name, value) -> carrier.set(name, value));
    }
  }

  /**
   * The request's path and query, as the browser encoded them, on the route's scheme, host and
   * port: what Spring Cloud Gateway builds with {@code UriComponentsBuilder}, without parsing the
   * URL again.
   */
  static URI targetUrl(URI request, URI route) {
    String query = request.getRawQuery();
    return URI.create(
        route.getScheme()
            + "://"
            + route.getRawAuthority()
            + request.getRawPath()
            + (query == null ? "" : "?" + query));
  }

  /**
   * Spring Cloud Gateway's header filters as one pass, resolved on the first read; null when the
   * gateway has a header filter the pass does not reproduce: then the relay is off.
   */
  private RelayHeaders relayHeaders() {
    Optional<RelayHeaders> headers = relayHeaders;
    if (headers == null) {
      List<HttpHeadersFilter> filters = headersFiltersProvider.getIfAvailable(List::of);
      headers = Optional.ofNullable(RelayHeaders.of(filters));
      if (headers.isEmpty()) {
        log.info(
            "read relay off: the gateway's header filters {} are not all ones it reproduces",
            filters.stream().map(f -> f.getClass().getSimpleName()).toList());
      }
      relayHeaders = headers;
    }
    return headers.orElse(null);
  }

  private record Relay(Route route, RelayableRoutes.Rules rules, String accessToken) {}
}
