package io.peakhub.cases.supportcase;

/** Where the outbox publisher sends an event; returns only once the broker has acknowledged it. */
public interface EventSink {

  void send(String topic, String key, String envelopeJson) throws Exception;
}
