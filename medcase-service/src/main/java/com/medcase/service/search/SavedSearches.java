package com.medcase.service.search;

import org.springframework.stereotype.Service;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A user's saved searches (table {@code console_saved_search}, migration V330). Each is a name and the query
 * string of the search page; only its owner lists, runs or deletes it, and running it applies the consent
 * filter of that moment, so a saved search never keeps results.
 */
@Service
public class SavedSearches {

    /** One saved search. */
    public record Saved(String id, String owner, String name, String query, Instant createdAt) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    SavedSearches(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Saves (or replaces, by name) a search of {@code owner}. */
    public Saved save(String owner, String name, String query) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Give the saved search a name");
        }
        if (name.strip().length() > 200 || (query != null && query.length() > 2000)) {
            throw new IllegalArgumentException("The name (200 characters) or the search (2,000) is too long");
        }
        Saved saved = new Saved("S-" + UUID.randomUUID(), owner, name.strip(), query == null ? "" : query, clock.instant());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM console_saved_search WHERE owner_id = ? AND name = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO console_saved_search (id, owner_id, name, query, created_at) VALUES (?, ?, ?, ?, ?)")) {
                delete.setString(1, owner);
                delete.setString(2, saved.name());
                delete.executeUpdate();
                insert.setString(1, saved.id());
                insert.setString(2, owner);
                insert.setString(3, saved.name());
                insert.setString(4, saved.query());
                insert.setTimestamp(5, Timestamp.from(saved.createdAt()));
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot save the search: " + e.getMessage(), e);
        }
        return saved;
    }

    public List<Saved> of(String owner) {
        List<Saved> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT id, owner_id, name, query, created_at FROM console_saved_search WHERE owner_id = ? ORDER BY name")) {
            select.setString(1, owner);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    all.add(new Saved(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read saved searches: " + e.getMessage(), e);
        }
        return all;
    }

    /** Deletes one of the owner's saved searches; another user's id deletes nothing. */
    public boolean delete(String owner, String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM console_saved_search WHERE owner_id = ? AND id = ?")) {
            delete.setString(1, owner);
            delete.setString(2, id);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot delete the saved search: " + e.getMessage(), e);
        }
    }
}
