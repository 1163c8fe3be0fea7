package io.peakhub.gateway.relay;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.cloud.gateway.filter.headers.GRPCRequestHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.GRPCResponseHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.TransferEncodingNormalizationHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedRequestHttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedResponseHttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;

/**
 * What Spring Cloud Gateway's header filters do to a relayed read's headers, in one pass. Each of
 * its filters copies all the headers into a new map (five copies a request, and one more each way
 * for the handover): a tenth of the gateway's CPU for the header. Here the request's headers are
 * written once into the outgoing request, and portal-bff's once into the browser's response.
 *
 * <p>Made only for the filters it reproduces (see {@link #of}). For a relayed read, a GET without a
 * body that is not a gRPC call, they do this:
 *
 * <ul>
 *   <li>{@code RemoveHopByHopHeadersFilter}, both ways: drops its hop-by-hop headers ({@code
 *       Connection}, {@code Keep-Alive}, {@code TE}, ...) and those the message's own {@code
 *       Connection} header names;
 *   <li>{@code RemoveForwardedHeadersFilter} and {@code RemoveXForwardedHeadersFilter} (no trusted
 *       proxies), on the request: drop {@code Forwarded} and {@code X-Forwarded-*};
 *   <li>the gRPC filters and {@code TransferEncodingNormalizationHeadersFilter} change only a gRPC
 *       call's or a request body's headers: nothing here;
 *   <li>the client observation's two add its span's headers: the relay sends the server span's
 *       instead ({@link ReadRelay}).
 * </ul>
 *
 * The route's {@code RemoveRequestHeader} and {@code RemoveResponseHeader} names are dropped in the
 * same pass, and {@code Host} on the request (the client writes the route's), as Spring Cloud
 * Gateway's routing filter does.
 */
final class RelayHeaders {

  private static final Set<Class<?>> REPRODUCED =
      Set.of(
          RemoveHopByHopHeadersFilter.class,
          RemoveForwardedHeadersFilter.class,
          RemoveXForwardedHeadersFilter.class,
          GRPCRequestHeadersFilter.class,
          GRPCResponseHeadersFilter.class,
          TransferEncodingNormalizationHeadersFilter.class,
          ObservedRequestHttpHeadersFilter.class,
          ObservedResponseHttpHeadersFilter.class);

  private final Set<String> hopByHop; // lower case
  private final boolean removesForwarded;
  private final boolean removesXForwarded;

  private RelayHeaders(Set<String> hopByHop, boolean removesForwarded, boolean removesXForwarded) {
    this.hopByHop = hopByHop;
    this.removesForwarded = removesForwarded;
    this.removesXForwarded = removesXForwarded;
  }

  /**
   * The one pass for the gateway's header filters, or null when one of them is not a filter this
   * class reproduces (exactly that class: a subclass may do more), such as the {@code
   * X-Forwarded-*} writer trusted proxies bring: then the relay is off and every read goes through
   * Spring Cloud Gateway's chain.
   */
  static RelayHeaders of(List<HttpHeadersFilter> filters) {
    Set<String> hopByHop = Set.of();
    boolean removesForwarded = false;
    boolean removesXForwarded = false;
    for (HttpHeadersFilter filter : filters) {
      if (!REPRODUCED.contains(filter.getClass())) {
        return null;
      }
      if (filter instanceof RemoveHopByHopHeadersFilter removeHopByHop) {
        hopByHop =
            removeHopByHop.getHeaders().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
      }
      removesForwarded |= filter instanceof RemoveForwardedHeadersFilter;
      removesXForwarded |= filter instanceof RemoveXForwardedHeadersFilter;
    }
    return new RelayHeaders(hopByHop, removesForwarded, removesXForwarded);
  }

  /** Whether the relay may serve a request with these headers: not a gRPC call. */
  static boolean relayable(HttpHeaders request) {
    return !StringUtils.startsWithIgnoreCase(
        request.getFirst(HttpHeaders.CONTENT_TYPE), "application/grpc");
  }

  /**
   * The browser's request headers that go on to the route, set on the outgoing request; {@code
   * routeRemoves} are the route's lower-case names.
   */
  void request(
      HttpHeaders browser, Set<String> routeRemoves, io.netty.handler.codec.http.HttpHeaders out) {
    Set<String> options = connectionOptions(browser.get(HttpHeaders.CONNECTION));
    browser.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (!hopByHop.contains(lower)
              && !routeRemoves.contains(lower)
              && !options.contains(lower)
              && !lower.equals("host")
              && !(removesForwarded && lower.equals("forwarded"))
              && !(removesXForwarded && lower.startsWith("x-forwarded-"))) {
            out.set(name, values);
          }
        });
  }

  /**
   * Portal-bff's response headers that go back to the browser, added to the response: without a
   * {@code Transfer-Encoding} when there is a {@code Content-Length} (the server frames the body).
   */
  void response(
      io.netty.handler.codec.http.HttpHeaders route, Set<String> routeRemoves, HttpHeaders out) {
    Set<String> options = connectionOptions(route.getAll(HttpHeaders.CONNECTION));
    boolean framed = route.contains(HttpHeaders.CONTENT_LENGTH);
    for (Map.Entry<String, String> header : route) {
      String lower = header.getKey().toLowerCase(Locale.ROOT);
      if (!hopByHop.contains(lower)
          && !routeRemoves.contains(lower)
          && !options.contains(lower)
          && !(framed && lower.equals("transfer-encoding"))) {
        out.add(header.getKey(), header.getValue());
      }
    }
  }

  /** The headers a message's Connection header names (lower case), which end at this hop. */
  private static Set<String> connectionOptions(List<String> connection) {
    if (connection == null || connection.isEmpty()) {
      return Set.of();
    }
    Set<String> options = new HashSet<>();
    for (String value : connection) {
      for (String option : StringUtils.tokenizeToStringArray(value, ",")) {
        options.add(option.toLowerCase(Locale.ROOT));
      }
    }
    return options;
  }
}
