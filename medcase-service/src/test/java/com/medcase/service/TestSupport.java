package com.medcase.service;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations the tests need from the rest of the build. */
final class TestSupport {

    private TestSupport() {
    }

    /** The embedded Solr server jar, built by the reactor before this module (see the test dependency). */
    static String embeddedSolrJar() {
        Path jar = Path.of("../medcase-solr-embedded/target/medcase-solr-embedded.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Embedded Solr server jar missing at " + jar
                    + "; build it first: ./mvnw -pl medcase-solr-embedded -am package -DskipTests");
        }
        return jar.toString();
    }
}
