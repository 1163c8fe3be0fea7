package io.peakhub.cases.supportcase;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The allow-list of attachment types, decided by the content's leading bytes and not by the name or
 * the declared type: PDF, PNG, JPEG, GIF and plain UTF-8 text. The file name's extension must agree
 * with what the content is, so an executable renamed {@code .pdf} (or a PDF named {@code .exe}) is
 * refused.
 */
final class ContentSniffer {

  private static final Map<String, Set<String>> EXTENSIONS =
      Map.of(
          "application/pdf", Set.of("pdf"),
          "image/png", Set.of("png"),
          "image/jpeg", Set.of("jpg", "jpeg"),
          "image/gif", Set.of("gif"),
          "text/plain", Set.of("txt", "log", "csv"));

  private ContentSniffer() {}

  static Optional<String> detect(byte[] content) {
    if (startsWith(content, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("application/pdf");
    }
    if (startsWith(content, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
      return Optional.of("image/png");
    }
    if (startsWith(content, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
      return Optional.of("image/jpeg");
    }
    if (startsWith(content, "GIF87a".getBytes(StandardCharsets.US_ASCII))
        || startsWith(content, "GIF89a".getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("image/gif");
    }
    if (isPlainText(content)) {
      return Optional.of("text/plain");
    }
    return Optional.empty();
  }

  static boolean extensionMatches(String fileName, String contentType) {
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return EXTENSIONS.getOrDefault(contentType, Set.of()).contains(extension);
  }

  /**
   * Valid UTF-8 with no control characters other than tab, CR and LF (no NUL: binaries have them).
   */
  private static boolean isPlainText(byte[] content) {
    if (content.length == 0) {
      return false;
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
      return text.chars()
          .noneMatch(ch -> Character.isISOControl(ch) && ch != '\t' && ch != '\r' && ch != '\n');
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean startsWith(byte[] content, byte[] magic) {
    return content.length >= magic.length
        && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
  }
}
