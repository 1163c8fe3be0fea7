package io.peakhub.platform.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page-size query parameters ({@code limit}, {@code size}, {@code pageSize}, ...) of a
 * service's OpenAPI document, with the maximum the document states for each. A service's
 * OpenApiDocumentTest asserts that none lacks a maximum, so a new list endpoint that forgets its
 * {@code @Max} fails the build rather than inviting a client to ask for everything.
 */
public final class OpenApiPageSizes {

  /** Names that say "how many per page"; a page index ({@code page}, {@code offset}) is not one. */
  private static final Pattern PAGE_SIZE =
      Pattern.compile(
          "limit|size|page_?size|per_?page|max_?results|top|first", Pattern.CASE_INSENSITIVE);

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One page-size parameter; {@code maximum} is null when the document states none. */
  public record PageSize(String method, String path, String name, Long maximum) {

    public static PageSize of(String method, String path, String name, long maximum) {
      return new PageSize(method, path, name, maximum);
    }

    @Override
    public String toString() {
      return method.toUpperCase(Locale.ROOT) + " " + path + " ?" + name + " maximum=" + maximum;
    }
  }

  private OpenApiPageSizes() {}

  /** Every query parameter named like a page size, on every operation of the document. */
  public static List<PageSize> in(String openApiDocument) {
    JsonNode document = JSON.readTree(openApiDocument);
    List<PageSize> found = new ArrayList<>();
    for (var path : document.path("paths").properties()) {
      JsonNode shared = path.getValue().path("parameters");
      for (var operation : path.getValue().properties()) {
        if (!METHODS.contains(operation.getKey())) {
          continue;
        }
        List<JsonNode> parameters = new ArrayList<>();
        shared.forEach(parameters::add);
        operation.getValue().path("parameters").forEach(parameters::add);
        for (JsonNode parameter : parameters) {
          String name = parameter.path("name").asString("");
          if ("query".equals(parameter.path("in").asString(""))
              && PAGE_SIZE.matcher(name).matches()) {
            JsonNode maximum = parameter.path("schema").path("maximum");
            found.add(
                new PageSize(
                    operation.getKey(),
                    path.getKey(),
                    name,
                    maximum.isNumber() ? maximum.longValue() : null));
          }
        }
      }
    }
    return found;
  }

  /** Those of {@link #in} whose document states no maximum: each a list a client can empty. */
  public static List<PageSize> withoutMaximum(String openApiDocument) {
    return in(openApiDocument).stream().filter(p -> p.maximum() == null).toList();
  }
}
