package io.peakhub.platform.testing;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The event contract, docs/asyncapi.yaml, as a test sees it: each message's payload (the envelope
 * and its body) as a JSON Schema (2020-12, formats asserted), to validate the events a service
 * writes. {@link OutboxContractListener} runs it on every event a {@link ServiceTest} writes to the
 * outbox.
 */
public final class EventContract {

  private static volatile EventContract loaded;

  private final JsonNode document;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b ->
              b.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final JsonMapper json = JsonMapper.builder().build();

  EventContract(Path file) {
    try {
      this.document = YAMLMapper.builder().build().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The contract of this repository: docs/asyncapi.yaml in the working directory or one above it.
   */
  public static EventContract get() {
    if (loaded == null) {
      synchronized (EventContract.class) {
        if (loaded == null) {
          loaded = new EventContract(file());
        }
      }
    }
    return loaded;
  }

  static Path file() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs").resolve("asyncapi.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "docs/asyncapi.yaml not found above " + Path.of("").toAbsolutePath());
  }

  /** Every message the file defines, by type ("InvoiceIssued.v1"). */
  public Set<String> messageTypes() {
    Set<String> types = new TreeSet<>();
    document.path("components").path("messages").propertyNames().forEach(types::add);
    return types;
  }

  /** The channels' addresses each message is published on. */
  public Set<String> channelsOf(String type) {
    Set<String> channels = new TreeSet<>();
    document
        .path("channels")
        .properties()
        .forEach(
            c -> {
              if (c.getValue().path("messages").has(type)) {
                channels.add(c.getValue().path("address").asString());
              }
            });
    return channels;
  }

  /** Channels some operation sends to. */
  public Set<String> sentChannels() {
    Set<String> channels = new TreeSet<>();
    document
        .path("operations")
        .forEach(
            op -> {
              if ("send".equals(op.path("action").asString())) {
                channels.add(op.path("channel").path("$ref").asString().replace("#/channels/", ""));
              }
            });
    return channels;
  }

  /**
   * What is wrong with one envelope as written on the topic: empty when it validates against its
   * message's payload schema and is declared on that topic.
   */
  public List<String> problems(String topic, String envelopeJson) {
    JsonNode envelope = json.readTree(envelopeJson);
    String type = envelope.path("type").asString();
    List<String> problems = new ArrayList<>();
    if (!document.path("components").path("messages").has(type)) {
      problems.add(type + " is not a message of docs/asyncapi.yaml");
      return problems;
    }
    if (topic != null && !channelsOf(type).contains(topic)) {
      problems.add(
          type
              + " is not declared on channel "
              + topic
              + " in docs/asyncapi.yaml (only on "
              + channelsOf(type)
              + ")");
    }
    for (Error e : schema(type).validate(envelope)) {
      problems.add(type + ": " + e);
    }
    return problems;
  }

  /**
   * The payload schema with the file's components beside it, so its {@code #/components/...}
   * references resolve within one document.
   */
  private Schema schema(String type) {
    return schemas.computeIfAbsent(
        type,
        t -> {
          ObjectNode root =
              ((ObjectNode) document.path("components").path("messages").path(t).path("payload"))
                  .deepCopy();
          root.set("components", document.path("components"));
          return registry.getSchema(SchemaLocation.of("urn:peakhub:asyncapi:" + t), root);
        });
  }
}
