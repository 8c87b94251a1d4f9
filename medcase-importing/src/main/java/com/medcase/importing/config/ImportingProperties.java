package com.medcase.importing.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * {@code medcase.importing.*}: which provider channels run and where they listen. Every channel is
 * off unless enabled, so a service without providers opens no port and watches no directory.
 * Route endpoint URIs read these same keys as Camel placeholders.
 */
@Validated
@ConfigurationProperties("medcase.importing")
public record ImportingProperties(@Valid @DefaultValue Mllp mllp, @Valid @DefaultValue FileDrop fileDrop,
                                  @Valid @DefaultValue Fhir fhir, @Valid @DefaultValue Retries retries,
                                  @DefaultValue("5m") java.time.Duration claimLease) {

    /**
     * FHIR R4: the import service (for documents POSTed to the service's endpoint) when enabled; the
     * poller as well when a provider's {@code base-url} is set. Poll interval in milliseconds.
     */
    public record Fhir(@DefaultValue("false") boolean enabled, String baseUrl, @DefaultValue("60000") @Min(1000) long pollInterval,
                       @Valid @DefaultValue Fetch fetch) { }

    /**
     * Outbound fetches of attachment URLs ({@code medcase.importing.fhir.fetch.*}): an optional allow-list of
     * provider hosts (empty = any public host), and deadlines for connecting, for the response headers and
     * for the whole body. {@code allowPrivateAddresses} lets a test reach its loopback server; it must never
     * be set in production (loopback, private, link-local and multicast addresses are refused without it).
     */
    public record Fetch(java.util.List<String> allowedHosts, @DefaultValue("5s") java.time.Duration connectTimeout,
                        @DefaultValue("15s") java.time.Duration headerTimeout, @DefaultValue("60s") java.time.Duration totalTimeout,
                        @DefaultValue("104857600") long maxBytes, @DefaultValue("false") boolean allowPrivateAddresses) { }

    /** HL7 v2 over MLLP. Port 0 picks a free port (tests); the chosen port is logged. */
    public record Mllp(@DefaultValue("false") boolean enabled, @DefaultValue("127.0.0.1") @NotBlank String host,
                       @DefaultValue("2575") @Min(0) @Max(65535) int port, @DefaultValue("32") @Min(1) @Max(512) int maxConnections,
                       @DefaultValue("ISO-8859-1") @NotBlank String defaultCharset,
                       @DefaultValue("12") @Min(1) @Max(512) int maxConnectionsPerPeer,
                       @DefaultValue("60s") java.time.Duration idleTimeout, @DefaultValue("30s") java.time.Duration readTimeout,
                       java.util.List<String> allowedSenders, @Valid @DefaultValue Tls tls) {
        /** The listener's socket limits, as the listener takes them. */
        public com.medcase.importing.hl7.MllpListener.Limits limits() {
            return new com.medcase.importing.hl7.MllpListener.Limits(maxConnections, maxConnectionsPerPeer, idleTimeout, readTimeout,
                    allowedSenders == null ? java.util.List.of() : allowedSenders);
        }
    }

    /**
     * MLLP over TLS ({@code medcase.importing.mllp.tls.*}): a PKCS#12 key store with the listener's key, and,
     * when {@code clientAuth=need}, a trust store whose certificates authenticate the senders (mutual TLS).
     */
    public record Tls(@DefaultValue("false") boolean enabled, Path keyStore, String keyStorePassword, Path trustStore,
                      String trustStorePassword, @DefaultValue("none") String clientAuth) { }

    /**
     * File drops: {@code <inbox>/<providerId>/<batch>/} with a manifest; a batch is imported once
     * its {@code .ready} marker exists. Rejected batches are moved under {@code quarantine}.
     */
    public record FileDrop(@DefaultValue("false") boolean enabled, Path inbox, Path quarantine, Path processed,
                           @DefaultValue("2000") @Min(50) long pollMillis) {
        /** Quarantine defaults to a sibling of the inbox, so that rejected drops are never polled again. */
        public Path quarantineDir() {
            return quarantine != null ? quarantine : requiredInbox().resolveSibling(requiredInbox().getFileName() + "-quarantine");
        }

        public Path processedDir() {
            return processed != null ? processed : requiredInbox().resolveSibling(requiredInbox().getFileName() + "-processed");
        }

        public Path requiredInbox() {
            if (inbox == null) {
                throw new IllegalStateException("medcase.importing.file-drop.enabled=true needs medcase.importing.file-drop.inbox "
                        + "(the directory providers drop <provider>/<batch>/ folders into)");
            }
            return inbox;
        }
    }

    /**
     * The one retry policy of all channels (Camel's RedeliveryPolicy): deliveries in all, the first backoff,
     * the exponential multiplier and the longest backoff.
     */
    public record Retries(@DefaultValue("3") @Min(1) @Max(10) int attempts, @DefaultValue("200") @Min(0) long backoffMillis,
                          @DefaultValue("2.0") double multiplier, @DefaultValue("30000") @Min(0) long maxBackoffMillis) {
        public org.apache.camel.processor.errorhandler.RedeliveryPolicy policy() {
            return com.medcase.importing.pipeline.Retry.policy(attempts, backoffMillis, multiplier, maxBackoffMillis);
        }
    }
}
