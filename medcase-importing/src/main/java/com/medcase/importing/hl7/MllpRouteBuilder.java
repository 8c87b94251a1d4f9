package com.medcase.importing.hl7;

import org.apache.camel.builder.RouteBuilder;

/**
 * HL7 v2 over MLLP: {@link MllpListener} owns the TCP socket and hands each framed message to this
 * route, which answers with the acknowledgement the processor builds (one per message, in order).
 */
public final class MllpRouteBuilder extends RouteBuilder {

    public static final String ROUTE_ID = "hl7-mllp";
    public static final String ENDPOINT = "direct:medcase-hl7-mllp";
    private final Hl7MessageProcessor processor;

    public MllpRouteBuilder(Hl7MessageProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId(ROUTE_ID)
                .routeConfigurationId(com.medcase.importing.config.ImportRouteConfiguration.ID)
                .routeDescription("HL7 v2 MDM^T02/ORU^R01 over MLLP")
                .process(processor);
    }

    /**
     * What the listener calls per message: a request to the route. If the route cannot be reached
     * (not started yet, shutting down) the sender gets AE and resends; nothing was stored.
     */
    public static java.util.function.Function<byte[], byte[]> viaRoute(java.util.function.Supplier<org.apache.camel.ProducerTemplate> templates,
                                                                      java.nio.charset.Charset defaultCharset) {
        java.util.concurrent.atomic.AtomicReference<org.apache.camel.ProducerTemplate> template = new java.util.concurrent.atomic.AtomicReference<>();
        return bytes -> {
            try {
                return template.updateAndGet(t -> t != null ? t : templates.get()).requestBody(ENDPOINT, bytes, byte[].class);
            } catch (RuntimeException e) {
                return Hl7Acks.ack(RawHl7.of(bytes, defaultCharset), "AE", "MedCase is not ready to accept messages; resend later");
            }
        };
    }
}
