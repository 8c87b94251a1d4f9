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
                                  @Valid @DefaultValue Fhir fhir, @Valid @DefaultValue Retries retries) {

    /**
     * FHIR R4: the import service (for documents POSTed to the service's endpoint) when enabled; the
     * poller as well when a provider's {@code base-url} is set. Poll interval in milliseconds.
     */
    public record Fhir(@DefaultValue("false") boolean enabled, String baseUrl, @DefaultValue("60000") @Min(1000) long pollInterval) { }

    /** HL7 v2 over MLLP. Port 0 picks a free port (tests); the chosen port is logged. */
    public record Mllp(@DefaultValue("false") boolean enabled, @DefaultValue("127.0.0.1") @NotBlank String host,
                       @DefaultValue("2575") @Min(0) @Max(65535) int port, @DefaultValue("16") @Min(1) @Max(512) int maxConnections,
                       @DefaultValue("ISO-8859-1") @NotBlank String defaultCharset) { }

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

    /** Bounded retries for transient repository failures: attempts and the first backoff (doubling). */
    public record Retries(@DefaultValue("3") @Min(1) @Max(10) int attempts, @DefaultValue("200") @Min(0) long backoffMillis) { }
}
