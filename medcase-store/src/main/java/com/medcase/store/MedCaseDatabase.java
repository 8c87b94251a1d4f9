package com.medcase.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens the service's own database and brings its schema up to date. */
public final class MedCaseDatabase {

    /** Migrations of this module; other modules add theirs (importing, repository, service). */
    public static final String CORE_MIGRATIONS = "classpath:db/migration/core";

    private MedCaseDatabase() {
    }

    /**
     * The embedded default: an H2 file database in PostgreSQL mode under {@code directory}, kept by {@link H2FileUpkeep}
     * (its settings: each commit written before it returns, since H2 otherwise acknowledges commits up to a second
     * before they reach the file and a killed process loses them, as the service's crash test showed).
     */
    public static HikariDataSource h2File(Path directory, String name) {
        return pooled(h2FileUrl(directory, name), "sa", "", 8);
    }

    /**
     * The URL of the embedded default's H2 file {@code name} under {@code directory}: PostgreSQL mode (the SQL is shared
     * with the production database) and {@link H2FileUpkeep#URL_SETTINGS}. The service appends its own settings (the
     * file cipher, no trace file).
     */
    public static String h2FileUrl(Path directory, String name) {
        return "jdbc:h2:file:" + directory.resolve(name).toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000" + H2FileUpkeep.URL_SETTINGS;
    }

    /** A pool; for an H2 file database with its {@link H2FileUpkeep}, which stops when the pool closes. */
    public static HikariDataSource pooled(String jdbcUrl, String user, String password, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setPoolName("medcase");
        return H2FileUpkeep.pool(config);
    }

    /** Applies core migrations plus {@code extraLocations}; {@code schema} may be null for the default. */
    public static void migrate(DataSource dataSource, String schema, String... extraLocations) {
        List<String> locations = new ArrayList<>();
        locations.add(CORE_MIGRATIONS);
        locations.addAll(List.of(extraLocations));
        var configuration = Flyway.configure().dataSource(dataSource).locations(locations.toArray(String[]::new));
        if (schema != null) {
            configuration.schemas(schema).defaultSchema(schema);
        }
        configuration.load().migrate();
    }
}
