package io.peakhub.gateway.relay;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_PREDICATE_PATH_CONTAINER_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.cloud.gateway.handler.predicate.GatewayPredicate;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationListener;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.CoreSubscriber;

/**
 * Spring Cloud Gateway's routes as {@link ReadRelay} looks a request's route up: the routes its
 * route locator holds, in their order, each tested with its own predicate, as its handler mapping
 * does ({@code RoutePredicateHandlerMapping.lookupRoute}), but in a plain loop. That lookup runs a
 * {@code Flux} over the cached routes with a {@code filterWhen} per route: with the Reactor
 * plumbing it drags along (each operator asks the ones below it for the context), about a tenth of
 * the gateway's CPU for a relayed read.
 *
 * <p>Each route's predicate is tested as a plain boolean test where it is made of Spring Cloud
 * Gateway's own {@code and}, {@code or} and synchronous parts (every route the gateway declares):
 * the same parts tested in the same order, short-circuited the same way, without the {@code Mono}
 * and {@code flatMap} each {@code and} builds (subscribing to those for nine routes was 7% of the
 * gateway's CPU for a relayed read). A {@code Path} part is asked only when the request's path has
 * the shape of one of its patterns ({@link PathShape}): the header's path passes over all but the
 * route it goes to. Any other predicate is applied and its answer taken as it is published on
 * subscription.
 *
 * <p>It answers only what it knows: the first route whose predicate is made of Spring Cloud
 * Gateway's synchronous predicates ({@code Path}, {@code Method}, ... and their {@code and} and
 * {@code or}) and matches. It answers null, and the request goes through the chains, when no route
 * matches, before the routes are loaded, when the lookup reaches a route with an asynchronous
 * predicate (such as {@code ReadBody}), and when the gateway has a CORS configuration (its handler
 * mapping applies it to the route's handler).
 *
 * <p>The table is taken from the route locator each time it publishes its refreshed routes (at
 * start, and on every {@code RefreshRoutesEvent}).
 */
@Component
class RouteTable implements ApplicationListener<RefreshRoutesResultEvent> {

  /** A route and its predicate as a test. */
  private record Entry(Route route, Test test) {}

  /** The routes in the locator's order; the lookup stops undecided at index {@code firstAsync}. */
  private record Loaded(List<Entry> routes, int firstAsync) {}

  /**
   * A route's predicate on a request (its path's plain segments taken once: {@link PathShape}):
   * true, false, or null when it cannot tell at once.
   */
  @FunctionalInterface
  private interface Test {
    Boolean on(ServerWebExchange exchange, String[] segments);
  }

  private final RouteLocator routeLocator;
  private final boolean cors;
  private final boolean basePath;
  private volatile Loaded loaded; // null until the locator has published its routes
  private long generation; // guarded by this

  RouteTable(
      RouteLocator routeLocator, GlobalCorsProperties cors, Optional<WebFluxProperties> webFlux) {
    this.routeLocator = routeLocator;
    this.cors = !cors.getCorsConfigurations().isEmpty();
    this.basePath = webFlux.map(w -> StringUtils.hasText(w.getBasePath())).orElse(false);
  }

  @Override
  public void onApplicationEvent(RefreshRoutesResultEvent event) {
    if (!event.isSuccess()) {
      return; // the locator keeps its routes, and so does the table
    }
    long load;
    synchronized (this) {
      load = ++generation;
    }
    routeLocator
        .getRoutes()
        .collectList()
        .subscribe(
            routes -> {
              synchronized (this) {
                if (load == generation) { // a later refresh has not overtaken this one
                  loaded =
                      new Loaded(
                          routes.stream()
                              .map(route -> new Entry(route, test(route.getPredicate())))
                              .toList(),
                          firstAsync(routes));
                }
              }
            });
  }

  /**
   * The request's route, as Spring Cloud Gateway's handler mapping would choose it, set as the
   * exchange's route attribute; null when there is none or the table cannot tell.
   */
  Route match(ServerWebExchange exchange) {
    Loaded table = loaded;
    if (table == null || cors) {
      return null;
    }
    try {
      String[] segments = PathShape.segments(pathOf(exchange));
      for (int i = 0; i < table.firstAsync(); i++) {
        Entry entry = table.routes().get(i);
        Route route = entry.route();
        exchange.getAttributes().put(GATEWAY_PREDICATE_ROUTE_ATTR, route.getId());
        Boolean matches = test(entry.test(), exchange, segments);
        if (matches == null) {
          return null;
        }
        if (matches) {
          exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, route);
          return route;
        }
      }
      return null;
    } finally {
      exchange.getAttributes().remove(GATEWAY_PREDICATE_ROUTE_ATTR);
    }
  }

  /** The route's predicate on the request; null when it does not answer at once, or throws. */
  private static Boolean test(Test test, ServerWebExchange exchange, String[] segments) {
    try {
      return test.on(exchange, segments);
    } catch (RuntimeException e) {
      return null; // the chains test it again, and log its error
    }
  }

  /**
   * The predicate as a plain test: Spring Cloud Gateway's {@code AsyncPredicate.from} (a
   * synchronous predicate), {@code and} and {@code or} are taken apart (their parts are private
   * fields: {@link PredicateParts}); anything else is applied and its answer taken at once.
   */
  private Test test(AsyncPredicate<ServerWebExchange> predicate) {
    Predicate<ServerWebExchange> synchronous = PredicateParts.synchronous(predicate);
    if (synchronous != null) {
      PathShape shape = shapeOf(synchronous);
      if (shape != PathShape.ANY) {
        return (exchange, segments) -> shape.mayMatch(segments) && synchronous.test(exchange);
      }
      return (exchange, segments) -> synchronous.test(exchange);
    }
    PredicateParts.Pair and = PredicateParts.and(predicate);
    if (and != null) {
      return inTurn(and, false);
    }
    PredicateParts.Pair or = PredicateParts.or(predicate);
    if (or != null) {
      return inTurn(or, true);
    }
    return (exchange, segments) -> now(predicate.apply(exchange));
  }

  /**
   * The shape of a {@code Path} predicate's patterns ({@link PathShape#ANY} for any other
   * predicate): a path of another shape is not matched by it, and is passed over without asking it.
   * With a base path ({@code spring.webflux.base-path}, which the gateway does not set), Spring
   * Cloud Gateway prefixes the patterns with it, and they are always asked.
   */
  private PathShape shapeOf(Predicate<ServerWebExchange> predicate) {
    if (basePath
        || !(predicate instanceof GatewayPredicate gatewayPredicate)
        || !(gatewayPredicate.getConfig() instanceof PathRoutePredicateFactory.Config path)) {
      return PathShape.ANY;
    }
    return PathShape.of(path.getPatterns());
  }

  /** The request's path as Spring Cloud Gateway's {@code Path} predicates parse it (once). */
  private static PathContainer pathOf(ServerWebExchange exchange) {
    return (PathContainer)
        exchange
            .getAttributes()
            .computeIfAbsent(
                GATEWAY_PREDICATE_PATH_CONTAINER_ATTR,
                key -> PathContainer.parsePath(exchange.getRequest().getURI().getRawPath()));
  }

  /**
   * The two sides in turn, as Spring Cloud Gateway's {@code and} ({@code decides} false) and {@code
   * or} (true) apply them: the first side's answer stands when it decides, or cannot tell.
   */
  private Test inTurn(PredicateParts.Pair sides, boolean decides) {
    Test left = test(sides.left());
    Test right = test(sides.right());
    return (exchange, segments) -> {
      Boolean first = left.on(exchange, segments);
      return first == null || first == decides ? first : right.on(exchange, segments);
    };
  }

  /** The index of the first route whose predicate has an asynchronous part (or the count). */
  private static int firstAsync(List<Route> routes) {
    for (int i = 0; i < routes.size(); i++) {
      AtomicBoolean synchronous = new AtomicBoolean(true);
      routes
          .get(i)
          .getPredicate()
          .accept(
              part -> {
                if (!(part instanceof GatewayPredicate)) {
                  synchronous.set(false);
                }
              });
      if (!synchronous.get()) {
        return i;
      }
    }
    return routes.size();
  }

  /** A synchronous predicate's answer, taken as it is published on subscription; else null. */
  private static Boolean now(Publisher<Boolean> answer) {
    var taken = new Taken();
    answer.subscribe(taken);
    if (!taken.done) {
      taken.cancel();
      return null;
    }
    return taken.value;
  }

  private static final class Taken implements CoreSubscriber<Boolean> {
    private Subscription subscription;
    private Boolean value;
    private boolean done;

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(Boolean next) {
      value = next;
    }

    @Override
    public void onError(Throwable t) {
      done = true; // value stays null: undecided
    }

    @Override
    public void onComplete() {
      done = true;
    }

    void cancel() {
      if (subscription != null) {
        subscription.cancel();
      }
    }
  }
}
