package io.peakhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every service reads rows as records through platform's {@code RecordRows}: Spring's class-based
 * mapper ({@code .query(SomeRecord.class)}) costs PostgreSQL's driver an exception for each
 * camelCase column it tries first (see RecordRows). Scalar queries ({@code .query(UUID.class)})
 * keep Spring's single-column mapper.
 */
class RecordQueriesTest {

  private static final Pattern RECORD = Pattern.compile("\\brecord\\s+([A-Z]\\w*)\\s*[(<]");
  private static final Pattern CLASS_QUERY = Pattern.compile("\\.query\\(([A-Z]\\w*)\\.class\\)");

  @Test
  void noRecordIsReadThroughSpringsClassBasedMapper() throws IOException {
    List<Path> sources = mainSources();
    assertThat(sources).as("the services' sources").hasSizeGreaterThan(100);
    Set<String> records = new HashSet<>();
    for (Path source : sources) {
      Matcher record = RECORD.matcher(Files.readString(source));
      while (record.find()) {
        records.add(record.group(1));
      }
    }
    assertThat(records).as("records declared").contains("AccountSummary", "InvoiceView");
    List<String> found = new ArrayList<>();
    for (Path source : sources) {
      Matcher query = CLASS_QUERY.matcher(Files.readString(source));
      while (query.find()) {
        if (records.contains(query.group(1))) {
          found.add(DockerComposeConsistencyTest.ROOT.relativize(source) + ": " + query.group());
        }
      }
    }
    assertThat(found)
        .as("record queries through Spring's class-based mapper: use RecordRows.of(X.class)")
        .isEmpty();
  }

  private static List<Path> mainSources() throws IOException {
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> modules = Files.list(DockerComposeConsistencyTest.ROOT)) {
      for (Path main :
          modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(main)) {
          files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
        }
      }
    }
    return sources;
  }
}
