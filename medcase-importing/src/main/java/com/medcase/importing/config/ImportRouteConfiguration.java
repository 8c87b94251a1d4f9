package com.medcase.importing.config;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Error handling shared by the import routes. The processors already turn bad input into a
 * quarantine, a dead letter or a negative ACK; what reaches here is a failure to file that the next
 * poll (file drop) or a resend (after AE) retries. It is logged by route and exception type only,
 * because exception messages may quote the payload.
 */
public final class ImportRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "medcase-import";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(true)
                .log(LoggingLevel.WARN, "medcase.import", "route ${routeId} failed with ${exception.class.simpleName}; the input stays for retry");
    }
}
