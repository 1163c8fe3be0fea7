package io.peakhub.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a browser does, scripted: a cookie jar, redirects, Keycloak's real login form. It holds only
 * what a browser would (cookies), never a token.
 */
final class Browser {

  static final String GATEWAY =
      "http://localhost:" + System.getenv().getOrDefault("HUB_GATEWAY_PORT", "8080");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  final CookieManager cookies = new LocalhostCookies();

  /**
   * Browsers treat http://localhost as a secure context and send its Secure cookies (Keycloak's
   * login cookies are Secure); java.net's cookie jar does not, so it drops the flag for localhost.
   */
  static final class LocalhostCookies extends CookieManager {
    LocalhostCookies() {
      super(null, CookiePolicy.ACCEPT_ALL);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> headers) throws IOException {
      if (!"localhost".equals(uri.getHost())) {
        super.put(uri, headers);
        return;
      }
      Map<String, List<String>> relaxed = new HashMap<>();
      headers.forEach(
          (name, values) ->
              relaxed.put(
                  name,
                  name != null && name.equalsIgnoreCase("Set-Cookie")
                      ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure", "")).toList()
                      : values));
      super.put(uri, relaxed);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(5))
          // as a browser: no h2c upgrade attempt on plain http
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /**
   * A request the gateway does not answer in time prints the gateway's threads first: the rare
   * hangs seen in CI left nothing else to go on.
   */
  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    try {
      return http.send(request, body);
    } catch (java.net.http.HttpTimeoutException e) {
      System.err.println(
          "no answer in time to " + request.method() + " " + request.uri() + "; gateway threads:");
      System.err.println(GatewayThreads.dump());
      throw e;
    }
  }

  record Response(int status, String body, java.net.http.HttpHeaders headers) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  /** Authorization code + PKCE through the gateway, with Keycloak's own login page. */
  Response login(String username, String password) throws IOException, InterruptedException {
    HttpResponse<String> loginPage =
        send(
            request(GATEWAY + "/oauth2/authorization/keycloak"),
            HttpResponse.BodyHandlers.ofString());
    Matcher action = FORM_ACTION.matcher(loginPage.body());
    if (!action.find()) {
      throw new IllegalStateException(
          "no Keycloak login form at " + loginPage.uri() + " (" + loginPage.statusCode() + ")");
    }
    String form = "username=" + enc(username) + "&password=" + enc(password) + "&credentialId=";
    HttpResponse<String> landed =
        send(
            HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Response(landed.statusCode(), landed.uri().toString(), landed.headers());
  }

  Response get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = send(request(GATEWAY + path), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.headers());
  }

  /** A download: status, content type and the raw bytes. */
  record Download(int status, String contentType, byte[] body) {}

  Download download(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = send(request(GATEWAY + path), HttpResponse.BodyHandlers.ofByteArray());
    return new Download(
        r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  Response post(String path, String json, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(GATEWAY + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header(
                "Idempotency-Key",
                idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(json));
    String csrf = csrfToken();
    if (csrf != null) {
      b.header("X-XSRF-TOKEN", csrf);
    }
    HttpResponse<String> r = send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.headers());
  }

  Response delete(String path) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(GATEWAY + path))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json")
            .DELETE();
    String csrf = csrfToken();
    if (csrf != null) {
      b.header("X-XSRF-TOKEN", csrf);
    }
    HttpResponse<String> r = send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.headers());
  }

  Response postWithoutCsrf(String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(GATEWAY + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.headers());
  }

  /** Logout is a form POST with the CSRF token, as the UI's Sign out button sends it. */
  Response logout() throws IOException, InterruptedException {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(GATEWAY + "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrfToken())))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.headers());
  }

  String csrfToken() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  private static HttpRequest request(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Accept", "application/json, text/html")
        .timeout(Duration.ofSeconds(20))
        .GET()
        .build();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }
}
