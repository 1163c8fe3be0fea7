package io.peakhub.gateway.security;

import java.net.URI;
import java.util.Optional;

/**
 * Where the browser may be sent back to after a sign-in: a path of this site only
 * ("/accounts/..."), never another host ("//evil.example", "https://...", "/\evil.example"), so the
 * login is no open redirect.
 */
final class ReturnPath {

  private ReturnPath() {}

  static Optional<String> of(String path) {
    if (path == null || path.isEmpty()) {
      return Optional.of("/");
    }
    if (path.length() > 2000
        || !path.startsWith("/")
        || path.startsWith("//")
        || path.chars().anyMatch(c -> c < 0x21 || c == '\\' || c == 0x7f)) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(path);
      if (uri.getScheme() != null
          || uri.getRawAuthority() != null
          || uri.getRawPath() == null
          || !uri.getRawPath().startsWith("/")) {
        return Optional.empty();
      }
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
    return Optional.of(path);
  }
}
