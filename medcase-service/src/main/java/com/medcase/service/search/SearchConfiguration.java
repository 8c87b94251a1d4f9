package com.medcase.service.search;

import com.medcase.service.config.MedCaseProperties;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.io.IOException;
import java.nio.file.Files;

/**
 * A Solr URL when configured; else the embedded Solr process when its jar is built (index rebuilt from the
 * repository at start-up if empty); else the in-process index, rebuilt from the repository at every start.
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);

    /** Holder so that the child process is stopped with the context, and is absent when not used. */
    record EmbeddedSearchServer(EmbeddedSolrProcess process) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (process != null) {
                process.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedSearchServer embeddedSearchServer(MedCaseProperties properties) throws IOException {
        MedCaseProperties.Search search = properties.search();
        if (!search.embedded()) {
            return new EmbeddedSearchServer(null);
        }
        if (!Files.isRegularFile(search.embeddedServerJar())) {
            log.warn("Embedded Solr jar not found at {}: search uses the in-process index, rebuilt from the repository at "
                    + "every start. Build it with ./mvnw -pl medcase-solr-embedded -am package -DskipTests, or set "
                    + "medcase.search.embedded-server-jar (or medcase.search.solr-url).", search.embeddedServerJar().toAbsolutePath());
            return new EmbeddedSearchServer(null);
        }
        EmbeddedSolrProcess process = EmbeddedSolrProcess.start(search.embeddedServerJar(), properties.home().resolve("solr"),
                search.embeddedStartTimeout());
        log.info("Embedded Solr started at {} (index under {})", process.baseUrl(), properties.home().resolve("solr/data"));
        return new EmbeddedSearchServer(process);
    }

    @Bean
    SearchIndex searchIndex(MedCaseProperties properties, EmbeddedSearchServer embedded) {
        MedCaseProperties.Search search = properties.search();
        if (!search.zkHosts().isBlank()) {
            throw new IllegalStateException("medcase.search.zk-hosts is not supported by this build (solr-solrj-zookeeper 10 "
                    + "is not available); point medcase.search.solr-url at any SolrCloud node instead");
        }
        if (search.embedded()) {
            if (embedded.process() == null) {
                return new InMemorySearchIndex();
            }
            return new SolrSearchIndex(new HttpJdkSolrClient.Builder(embedded.process().baseUrl()).useHttp1_1(true)
                    .withBasicAuthCredentials(EmbeddedSolrProcess.SERVICE_USER, embedded.process().password()).build(),
                    EmbeddedSolrProcess.CORE, true);
        }
        return external(search.solrUrl(), search.collection(), search.solrUsername(), search.solrPassword());
    }

    /** An external Solr (a node or SolrCloud collection), with Basic credentials when configured (Solr's BasicAuthPlugin). */
    static SolrSearchIndex external(String solrUrl, String collection, String username, String password) {
        HttpJdkSolrClient.Builder builder = new HttpJdkSolrClient.Builder(solrUrl);
        if (!username.isBlank()) {
            builder.withBasicAuthCredentials(username, password);
        }
        return new SolrSearchIndex(builder.build(), collection);
    }

    @Bean
    Object searchIndexWarmUp(MedCaseProperties properties, SearchIndex index, SearchIndexer indexer) {
        return new Object() {
            @EventListener(ApplicationReadyEvent.class)
            void rebuildEmbeddedIndex() {
                if (!properties.search().embedded()) {
                    return;
                }
                if (index instanceof SolrSearchIndex solr) {
                    long size = solr.size();
                    if (size > 0) {
                        log.info("Embedded Solr index kept: {} documents", size);
                        return;
                    }
                }
                log.info("Search index rebuilt from the repository: {} records", indexer.reindexAll());
            }
        };
    }
}
