package com.medcase.service.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the service can be told, under {@code medcase.*}. Empty URLs mean "the embedded
 * default": H2 file database, embedded repository (Alfresco REST v1), embedded Solr, users from configuration.
 */
@Validated
@ConfigurationProperties(prefix = "medcase")
public record MedCaseProperties(
        @DefaultValue("./.medcase") @NotNull Path home,
        @DefaultValue @Valid Database database,
        @DefaultValue @Valid Repository repository,
        @DefaultValue @Valid Search search,
        @DefaultValue @Valid Security security,
        @DefaultValue @Valid Quickstart quickstart) {

    /**
     * The service's own state. An empty {@code url} selects the H2 file {@code <home>/data/medcase}
     * in PostgreSQL mode; otherwise a JDBC URL such as {@code jdbc:postgresql://db:5432/medcase}.
     */
    public record Database(@DefaultValue("") String url,
                           @DefaultValue("sa") String username,
                           @DefaultValue("") String password,
                           @DefaultValue("") String schema,
                           @DefaultValue("8") @Positive int maxPoolSize,
                           /* One list for the whole shared schema history; each module owns a version range. */
                           @DefaultValue({"classpath:db/migration/core", "classpath:db/migration/repository",
                                   "classpath:db/migration/importing", "classpath:db/migration/service"})
                           @NotEmpty List<@NotBlank String> migrationLocations) {
        public boolean embedded() {
            return url.isBlank();
        }
    }

    /**
     * The content repository, always spoken to over Alfresco's public REST API v1. An empty {@code acsUrl}
     * starts the embedded default repository in-process on 127.0.0.1 (its data under
     * {@code <home>/repository}, H2 unless {@code embeddedJdbcUrl} names a PostgreSQL database) with a
     * service password generated at every start; otherwise ACS's base URL, e.g. {@code https://acs.example}
     * or {@code https://acs.example/alfresco}, with the service account's credentials.
     */
    public record Repository(@DefaultValue("") String acsUrl,
                             @DefaultValue("") String username,
                             @DefaultValue("") String password,
                             /* MedCase's folder under Company Home. */
                             @DefaultValue("MedCase") String rootPath,
                             /* Calls in flight when an ACL projection runs over a whole case. */
                             @DefaultValue("4") @Positive int parallelism,
                             @DefaultValue("60s") java.time.Duration timeout,
                             @DefaultValue("") String embeddedJdbcUrl,
                             @DefaultValue("") String embeddedJdbcUsername,
                             @DefaultValue("") String embeddedJdbcPassword) {
        public boolean embedded() {
            return acsUrl.isBlank();
        }

        /** The {@code /alfresco} web application of ACS, under which its REST roots hang. */
        public java.net.URI alfrescoBaseUrl() {
            String base = acsUrl.replaceAll("/+$", "");
            return java.net.URI.create(base.endsWith("/alfresco") ? base : base + "/alfresco");
        }
    }

    /**
     * Search. Both URLs empty: an embedded Solr (the {@code medcase-solr-embedded} jar, its own process on
     * 127.0.0.1) with its conf under {@code <home>/solr/conf} and its index under {@code <home>/solr/data};
     * without that jar, an in-process index rebuilt from the repository at every start.
     */
    public record Search(@DefaultValue("") String solrUrl, @DefaultValue("") String zkHosts,
                         @DefaultValue("medcase") String collection,
                         /* The embedded Solr server's jar (medcase-solr-embedded, with its lib/ beside it). */
                         @DefaultValue("medcase-solr-embedded/target/medcase-solr-embedded.jar") Path embeddedServerJar,
                         @DefaultValue("90s") java.time.Duration embeddedStartTimeout,
                         /* Basic credentials for an external Solr (solrUrl) with authentication; empty: none sent. */
                         @DefaultValue("") String solrUsername, @DefaultValue("") String solrPassword) {
        public boolean embedded() {
            return solrUrl.isBlank() && zkHosts.isBlank();
        }
    }

    /**
     * Users of the embedded default. Passwords are bcrypt hashes only; with no admin configured an
     * admin password is generated at first start, printed once, and its hash kept under {@code home}.
     */
    public record Security(@DefaultValue List<@Valid User> users) {
        /**
         * @param allowedClaims for a PROVIDER_FEED account: the claims it may send documents for (claim numbers, or
         *                      prefixes ending in {@code *}; {@code *} alone for any claim). Unset: none.
         */
        public record User(@NotBlank String name, @NotBlank String passwordHash, @NotEmpty List<@NotBlank String> roles,
                           List<@NotBlank String> allowedClaims) {
        }
    }

    /** The main job of the README: start, create the demo cases, import the demo feeds, print where to look. */
    public record Quickstart(@DefaultValue("false") boolean enabled,
                             @DefaultValue("false") boolean exitWhenDone,
                             @DefaultValue("src/demo") Path demoDirectory) {
    }
}
