package com.medcase.service.search;

import com.medcase.service.config.MedCaseProperties;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** A Solr URL when configured; else the in-process index, rebuilt from the repository at start-up. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);

    @Bean
    SearchIndex searchIndex(MedCaseProperties properties) {
        MedCaseProperties.Search search = properties.search();
        if (!search.zkHosts().isBlank()) {
            throw new IllegalStateException("medcase.search.zk-hosts is not supported by this build (solr-solrj-zookeeper 10 "
                    + "is not available); point medcase.search.solr-url at any SolrCloud node instead");
        }
        if (search.embedded()) {
            return new InMemorySearchIndex();
        }
        return new SolrSearchIndex(new HttpJdkSolrClient.Builder(search.solrUrl()).build(), search.collection());
    }

    @Bean
    Object searchIndexWarmUp(MedCaseProperties properties, SearchIndexer indexer) {
        return new Object() {
            @EventListener(ApplicationReadyEvent.class)
            void rebuildEmbeddedIndex() {
                if (properties.search().embedded()) {
                    log.info("Search index rebuilt from the repository: {} records", indexer.reindexAll());
                }
            }
        };
    }
}
