package io.peakhub.platform.events;

import tools.jackson.databind.json.JsonMapper;

/** The one JSON form of an envelope on the wire, shared by producers and consumers. */
public final class EventJson {

  private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private EventJson() {}

  public static String write(EventEnvelope event) {
    return JSON.writeValueAsString(event);
  }

  public static EventEnvelope read(String json) {
    return JSON.readValue(json, EventEnvelope.class);
  }

  public static <T> T body(EventEnvelope event, Class<T> type) {
    return JSON.treeToValue(event.body(), type);
  }

  public static tools.jackson.databind.JsonNode tree(Object body) {
    return JSON.valueToTree(body);
  }
}
