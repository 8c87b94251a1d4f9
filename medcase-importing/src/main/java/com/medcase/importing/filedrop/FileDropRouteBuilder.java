package com.medcase.importing.filedrop;

import org.apache.camel.builder.RouteBuilder;

/**
 * Polls {@code <inbox>/<provider>/<batch>/.ready} markers. The marker, not the documents, triggers an
 * import, so a batch still being copied is never read half-written. Errors other than bad input
 * (which quarantines) leave the batch in place for the next poll.
 */
public final class FileDropRouteBuilder extends RouteBuilder {

    public static final String ROUTE_ID = "file-drop";
    private final FileDropProcessor processor;

    public FileDropRouteBuilder(FileDropProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void configure() {
        from("file:{{medcase.importing.file-drop.inbox}}?recursive=true&minDepth=3&maxDepth=3&include=RAW(^\\.ready$)&includeHiddenFiles=true"
                + "&noop=true&idempotent=false&readLock=none&delay={{medcase.importing.file-drop.poll-millis:2000}}"
                + "&sortBy=file:modified")
                .routeId(ROUTE_ID)
                .routeConfigurationId(com.medcase.importing.config.ImportRouteConfiguration.ID)
                .process(processor);
    }
}
