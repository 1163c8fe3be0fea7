package io.peakhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every problem type a service can answer is explained in docs/problems.md, for the people who get
 * it.
 */
class ProblemCatalogTest {

  static final Path ROOT = DockerComposeConsistencyTest.ROOT;

  /** The ways our code names a problem slug: beside an HTTP status, a conflict, or a type URI. */
  static final List<Pattern> SLUG_PATTERNS =
      List.of(
          Pattern.compile("HttpStatus\\.[A-Z_]+,\\s*\"([a-z]+(?:-[a-z]+)+|[a-z]+)\""),
          Pattern.compile("ConflictException\\(\\s*\"([a-z]+(?:-[a-z]+)*)\""),
          Pattern.compile("ProblemTypes\\.of\\(\\s*\"([a-z]+(?:-[a-z]+)*)\"\\)"),
          Pattern.compile("case \\d{3} -> \"([a-z]+(?:-[a-z]+)*)\""),
          Pattern.compile("PROBLEM = \"([a-z]+(?:-[a-z]+)*)\""));

  static Set<String> slugsInCode() throws IOException {
    Set<String> slugs = new TreeSet<>();
    List<Path> sources;
    try (Stream<Path> modules = Files.list(ROOT)) {
      sources = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
    }
    for (Path source : sources) {
      try (Stream<Path> files = Files.walk(source)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String code = Files.readString(f);
          for (Pattern p : SLUG_PATTERNS) {
            Matcher m = p.matcher(code);
            while (m.find()) {
              slugs.add(m.group(1));
            }
          }
        }
      }
    }
    return slugs;
  }

  /** Headings name one slug, or several separated by commas. */
  static Set<String> slugsDocumented() throws IOException {
    Set<String> slugs = new TreeSet<>();
    for (String line : Files.readAllLines(ROOT.resolve("docs/problems.md"))) {
      if (line.startsWith("### ")) {
        for (String s : line.substring(4).split(",")) {
          slugs.add(s.trim());
        }
      }
    }
    return slugs;
  }

  @Test
  void everyProblemTypeInTheCodeIsExplainedInDocsProblems() throws IOException {
    Set<String> inCode = slugsInCode();
    assertThat(inCode)
        .contains("not-found", "invalid-input", "service-unavailable", "card-declined");
    assertThat(slugsDocumented())
        .as("slugs used in code but missing from docs/problems.md")
        .containsAll(inCode);
  }
}
