package com.medcase.importing.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HAPI FHIR R4 RestfulServer in embedded Tomcat on 127.0.0.1 and an ephemeral port: DocumentReferences in memory,
 * searchable by {@code _lastUpdated}, sorted by it, paged by HAPI (5 a page, so that polls follow next links), and
 * attachment files under {@code /files/}.
 */
final class LoopbackFhirServer implements AutoCloseable {

    static final int PAGE_SIZE = 5;

    private final Tomcat tomcat = new Tomcat();
    private final Connector connector = new Connector("HTTP/1.1");
    final DocumentReferences documents = new DocumentReferences();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** File names answered with 503, as by an attachment server that is down. */
    final java.util.Set<String> unavailable = ConcurrentHashMap.newKeySet();

    LoopbackFhirServer(Path baseDir) throws LifecycleException {
        tomcat.setBaseDir(baseDir.toString());
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());

        RestfulServer fhir = new RestfulServer(FhirSamples.FHIR);
        fhir.setResourceProviders(documents);
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(20);
        paging.setDefaultPageSize(PAGE_SIZE);
        paging.setMaximumPageSize(PAGE_SIZE);
        fhir.setPagingProvider(paging);
        Tomcat.addServlet(context, "fhir", fhir).setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");

        Tomcat.addServlet(context, "files", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                if (unavailable.contains(req.getPathInfo().substring(1))) {
                    resp.sendError(503);
                    return;
                }
                byte[] body = files.get(req.getPathInfo());
                if (body == null) {
                    resp.sendError(404);
                    return;
                }
                resp.setContentType("application/pdf");
                resp.setContentLength(body.length);
                resp.getOutputStream().write(body);
            }
        });
        context.addServletMappingDecoded("/files/*", "files");
        tomcat.start();
    }

    String base() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/fhir";
    }

    String file(String name, byte[] content) {
        files.put("/" + name, content);
        return "http://127.0.0.1:" + connector.getLocalPort() + "/files/" + name;
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    /** The server's DocumentReferences, and the {@code _lastUpdated} bounds it was asked for. */
    static final class DocumentReferences implements IResourceProvider {

        private final List<DocumentReference> stored = new CopyOnWriteArrayList<>();
        final List<String> lastUpdatedAsked = new CopyOnWriteArrayList<>();

        void add(DocumentReference dr, Date lastUpdated) {
            dr.getMeta().setLastUpdated(lastUpdated);
            stored.add(dr);
        }

        @Override
        public Class<DocumentReference> getResourceType() {
            return DocumentReference.class;
        }

        @Read
        public DocumentReference read(@IdParam IdType id) {
            return stored.stream().filter(d -> d.getIdElement().getIdPart().equals(id.getIdPart())).findFirst()
                    .orElseThrow(() -> new ResourceNotFoundException(id));
        }

        @Search
        public List<DocumentReference> search(@OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated, @Sort SortSpec sort) {
            DateParam lower = lastUpdated == null ? null : lastUpdated.getLowerBound();
            lastUpdatedAsked.add(lower == null ? "(none)" : lower.getPrefix().getValue() + lower.getValueAsString());
            return stored.stream()
                    .filter(d -> lower == null || after(d.getMeta().getLastUpdated(), lower))
                    .sorted(Comparator.comparing(d -> d.getMeta().getLastUpdated()))
                    .toList();
        }

        private static boolean after(Date updated, DateParam lower) {
            return lower.getPrefix() == ParamPrefixEnum.GREATERTHAN ? updated.after(lower.getValue()) : !updated.before(lower.getValue());
        }
    }
}
