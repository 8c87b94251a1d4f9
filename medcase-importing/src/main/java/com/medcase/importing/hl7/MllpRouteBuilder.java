package com.medcase.importing.hl7;

import org.apache.camel.builder.RouteBuilder;

/**
 * HL7 v2 over MLLP on a real TCP socket. The component frames messages and sends back the
 * acknowledgement our processor builds (autoAck off), one per message, also when several
 * messages arrive in one TCP read.
 */
public final class MllpRouteBuilder extends RouteBuilder {

    public static final String ROUTE_ID = "hl7-mllp";
    private final Hl7MessageProcessor processor;

    public MllpRouteBuilder(Hl7MessageProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void configure() {
        from("mllp://{{medcase.importing.mllp.host:127.0.0.1}}:{{medcase.importing.mllp.port:2575}}"
                + "?autoAck=false&validatePayload=false&stringPayload=false&requireEndOfData=false"
                + "&maxConcurrentConsumers={{medcase.importing.mllp.max-connections:16}}")
                .routeId(ROUTE_ID)
                .process(processor);
    }
}
