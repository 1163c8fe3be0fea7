package io.peakhub.platform.idempotency;

import io.peakhub.platform.problem.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The Idempotency-Key header every money or subscription change takes: a retry with the same key
 * and the same request answers the first result; the same key with another request is refused. One
 * rule for its shape, and one fingerprint of a request, for every service.
 */
public final class IdempotencyKey {

  public static final String HEADER = "Idempotency-Key";

  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

  private IdempotencyKey() {}

  /** The key, or a 400 naming the header when it is missing or malformed. */
  public static String require(String key) {
    if (key == null || !SHAPE.matcher(key).matches()) {
      throw new InvalidInputException(
          HEADER,
          "Send an Idempotency-Key header (1 to 100 letters, digits, '-', '_', '.', ':') so a retry never applies twice.");
    }
    return key;
  }

  /**
   * SHA-256 of a request's canonical text, stored with the key to recognise a different request.
   */
  public static String fingerprint(String canonical) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
