package io.peakhub.bff.downstream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of every downstream call: {@code timeout} for reads and changes, {@code paymentTimeout}
 * for a payment (the card processor may take a few seconds), the share of failed calls that opens a
 * circuit, how long it stays open, and the Retry-After a 503 suggests.
 */
@ConfigurationProperties("peakhub.downstream")
public record DownstreamSettings(
    @DefaultValue("PT3S") Duration timeout,
    @DefaultValue("PT10S") Duration paymentTimeout,
    @DefaultValue("50") float failureRatePercent,
    @DefaultValue("10") int minimumCalls,
    @DefaultValue("PT10S") Duration openFor,
    @DefaultValue("PT5S") Duration retryAfter) {}
