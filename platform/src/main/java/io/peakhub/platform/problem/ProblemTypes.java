package io.peakhub.platform.problem;

import java.net.URI;
import org.springframework.http.HttpStatusCode;

/** Stable problem {@code type} URIs: one per kind of error, documented under docs/problems.md. */
public final class ProblemTypes {

  public static final String BASE = "https://peakhub.io/problems/";

  private ProblemTypes() {}

  public static URI of(String slug) {
    return URI.create(BASE + slug);
  }

  /** The slug for errors raised by the framework rather than by our own code. */
  public static String slugFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "invalid-input";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 409 -> "conflict";
      case 413 -> "payload-too-large";
      case 415 -> "unsupported-media-type";
      case 429 -> "too-many-requests";
      case 503 -> "service-unavailable";
      default -> status.is5xxServerError() ? "internal-error" : "client-error";
    };
  }
}
