package com.medcase.store.claimant;

import com.medcase.store.StoreException;
import com.medcase.store.StoreSupport;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The claimant registry in the core database: name, date of birth and the identifiers providers use. */
public final class JdbcClaimantRegistry {

    /** An identifier a provider knows the claimant by, e.g. system {@code urn:mrn:fake-clinic}, value {@code MRN-123}. */
    public record Identifier(String system, String value) {
        public Identifier {
            Objects.requireNonNull(system, "identifier system");
            Objects.requireNonNull(value, "identifier value");
        }
    }

    public record Claimant(String id, String familyName, String givenName, LocalDate dateOfBirth, List<Identifier> identifiers,
                           Instant createdAt, String createdBy) { }

    /** An identifier already names another claimant. */
    public static final class IdentifierTakenException extends RuntimeException {
        public IdentifierTakenException(Identifier identifier) {
            super("identifier " + identifier.system() + "|" + identifier.value() + " already belongs to another claimant");
        }
    }

    private final StoreSupport db;

    public JdbcClaimantRegistry(DataSource dataSource) {
        this.db = new StoreSupport(dataSource);
    }

    public Claimant create(String id, String familyName, String givenName, LocalDate dateOfBirth, List<Identifier> identifiers, String by,
                           Instant at) {
        try {
            db.inTransaction(c -> {
                StoreSupport.update(c, "INSERT INTO mc_claimant (id, family_name, given_name, date_of_birth, created_at, created_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", id, familyName, givenName, dateOfBirth, at, by);
                for (Identifier i : identifiers) {
                    StoreSupport.update(c, "INSERT INTO mc_claimant_identifier (claimant_id, system, id_value) VALUES (?, ?, ?)",
                            id, i.system(), i.value());
                }
                return null;
            });
        } catch (StoreException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    Identifier taken = identifiers.stream().filter(i -> findByIdentifier(i.system(), i.value()).isPresent()).findFirst()
                            .orElse(null);
                    if (taken != null) {
                        throw new IdentifierTakenException(taken);
                    }
                }
            }
            throw e;
        }
        return find(id).orElseThrow();
    }

    /** Removes a claimant whose repository folder could not be created (so that the registration can be retried). */
    public void remove(String id) {
        db.inTransaction(c -> {
            StoreSupport.update(c, "DELETE FROM mc_claimant_identifier WHERE claimant_id = ?", id);
            StoreSupport.update(c, "DELETE FROM mc_claimant WHERE id = ?", id);
            return null;
        });
    }

    public Optional<Claimant> find(String id) {
        return db.queryOne("SELECT id, family_name, given_name, date_of_birth, created_at, created_by FROM mc_claimant WHERE id = ?",
                this::claimant, id).map(this::withIdentifiers);
    }

    public Optional<Claimant> findByIdentifier(String system, String value) {
        return db.queryOne("SELECT claimant_id FROM mc_claimant_identifier WHERE system = ? AND id_value = ?", rs -> rs.getString(1), system, value)
                .flatMap(this::find);
    }

    /** Claimants with exactly this name and date of birth (case-insensitive names). */
    public List<Claimant> findByDemographics(String familyName, String givenName, LocalDate dateOfBirth) {
        return db.query("SELECT id, family_name, given_name, date_of_birth, created_at, created_by FROM mc_claimant "
                + "WHERE LOWER(family_name) = LOWER(?) AND LOWER(given_name) = LOWER(?) AND date_of_birth = ?", this::claimant,
                familyName, givenName, dateOfBirth).stream().map(this::withIdentifiers).toList();
    }

    public List<Claimant> list(int limit) {
        return db.query("SELECT id, family_name, given_name, date_of_birth, created_at, created_by FROM mc_claimant ORDER BY created_at DESC LIMIT "
                + Math.max(1, Math.min(limit, 1000)), this::claimant).stream().map(this::withIdentifiers).toList();
    }

    private Claimant claimant(ResultSet rs) throws SQLException {
        return new Claimant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class), List.of(),
                StoreSupport.instant(rs, "created_at"), rs.getString(6));
    }

    /** Identifiers are read after the claimant rows (not inside the row mapper: no second connection while one is open). */
    private Claimant withIdentifiers(Claimant c) {
        List<Identifier> ids = new ArrayList<>(db.query("SELECT system, id_value FROM mc_claimant_identifier WHERE claimant_id = ? "
                + "ORDER BY system, id_value", r -> new Identifier(r.getString(1), r.getString(2)), c.id()));
        return new Claimant(c.id(), c.familyName(), c.givenName(), c.dateOfBirth(), List.copyOf(ids), c.createdAt(), c.createdBy());
    }
}
