package com.medcase.alfresco.embedded;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * People, groups, memberships, passwords and tickets. Memberships are read from the database on every request (no
 * cache outlives a change). Only verified credentials are remembered in memory (a keyed digest, dropped when the
 * stored hash changes), so that PBKDF2 does not run on every Basic-authenticated request.
 */
final class Authorities {
    static final String EVERYONE = "GROUP_EVERYONE";
    static final String ADMINISTRATORS = "GROUP_ALFRESCO_ADMINISTRATORS";
    static final long TICKET_IDLE_MILLIS = 60 * 60 * 1000L; // ACS: authentication.ticket.validDuration=P1H, AFTER_INACTIVITY

    record Person(String id, String firstName, String lastName, String email, boolean enabled) {
        String displayName() {
            return (firstName + (lastName == null || lastName.isEmpty() ? "" : " " + lastName)).trim();
        }
    }

    record Group(String id, String displayName, String description) { }

    record Member(String id, String displayName, String memberType) { }

    /** The authenticated caller: user id, every authority (user, groups transitively, GROUP_EVERYONE), admin flag. */
    record Caller(String user, Set<String> authorities, boolean admin, String ticket) { }

    private final Db db;
    private final byte[] fingerprintKey = new byte[32];
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final Map<String, String[]> tickets = new ConcurrentHashMap<>(); // ticket -> {user}
    private final Map<String, Long> ticketSeen = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    Authorities(Db db) {
        this.db = db;
        random.nextBytes(fingerprintKey);
    }

    static String groupName(String id) {
        return id.startsWith("GROUP_") ? id : "GROUP_" + id;
    }

    void bootstrap(String adminUser, char[] adminPassword) {
        String hash = Passwords.hash(adminPassword);
        db.tx(c -> {
            if (findGroup(c, ADMINISTRATORS) == null) {
                exec(c, "INSERT INTO ae_group (id, id_key, display_name, description, created_at) VALUES (?,?,?,?,?)",
                        ADMINISTRATORS, ADMINISTRATORS.toLowerCase(Locale.ROOT), "ALFRESCO_ADMINISTRATORS", null, System.currentTimeMillis());
            }
            Person p = findPerson(c, adminUser);
            if (p == null) {
                exec(c, "INSERT INTO ae_person (id, id_key, first_name, last_name, email, pw_hash, enabled, created_at) VALUES (?,?,?,?,?,?,?,?)",
                        adminUser, adminUser.toLowerCase(Locale.ROOT), "Administrator", null, adminUser + "@localhost", hash, true, System.currentTimeMillis());
            } else {
                exec(c, "UPDATE ae_person SET pw_hash = ? WHERE id = ?", hash, p.id());
            }
            String canonical = p == null ? adminUser : p.id();
            if (!isDirectMember(c, ADMINISTRATORS, canonical)) {
                exec(c, "INSERT INTO ae_member (group_id, member_id, member_type) VALUES (?,?,?)", ADMINISTRATORS, canonical, "PERSON");
            }
            return null;
        });
        verified.clear();
    }

    // ---------------------------------------------------------------- authentication

    /** Checks a user's password; returns the canonical user id or null. */
    String checkPassword(String userId, char[] password) {
        return db.tx(c -> checkPassword(c, userId, password));
    }

    /** Authenticates by password and builds the caller in one short read-only transaction; null when refused. */
    Caller authenticate(String userId, char[] password) {
        return db.tx(c -> {
            String user = checkPassword(c, userId, password);
            return user == null ? null : caller(c, user, null);
        });
    }

    private String checkPassword(Connection c, String userId, char[] password) throws SQLException {
        {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, pw_hash, enabled FROM ae_person WHERE id_key = ?")) {
                ps.setString(1, userId.toLowerCase(Locale.ROOT));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(3)) {
                        return null;
                    }
                    String id = rs.getString(1);
                    String stored = rs.getString(2);
                    byte[] fp = Passwords.fingerprint(fingerprintKey, stored, password);
                    byte[] known = verified.get(id);
                    if (known != null && MessageDigest.isEqual(known, fp)) {
                        return id;
                    }
                    if (Passwords.verify(password, stored)) {
                        verified.put(id, fp);
                        return id;
                    }
                    return null;
                }
            }
        }
    }

    String newTicket(String user) {
        byte[] b = new byte[20];
        random.nextBytes(b);
        StringBuilder sb = new StringBuilder("TICKET_");
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        String t = sb.toString();
        tickets.put(t, new String[] {user});
        ticketSeen.put(t, System.currentTimeMillis());
        return t;
    }

    /** The user of a valid ticket, or null (sliding expiry). */
    String ticketUser(String ticket) {
        String[] u = tickets.get(ticket);
        if (u == null) {
            return null;
        }
        long now = System.currentTimeMillis();
        Long seen = ticketSeen.get(ticket);
        if (seen == null || now - seen > TICKET_IDLE_MILLIS) {
            invalidate(ticket);
            return null;
        }
        ticketSeen.put(ticket, now);
        return u[0];
    }

    void invalidate(String ticket) {
        tickets.remove(ticket);
        ticketSeen.remove(ticket);
    }

    /** Builds the caller from the database: all containing groups through nested groups, plus GROUP_EVERYONE. */
    Caller caller(String user, String ticket) {
        return db.tx(c -> caller(c, user, ticket));
    }

    static Caller caller(Connection c, String user, String ticket) throws SQLException {
        Set<String> auths = new LinkedHashSet<>();
        auths.add(user);
        auths.addAll(containingGroups(c, user));
        auths.add(EVERYONE);
        return new Caller(user, auths, auths.contains(ADMINISTRATORS), ticket);
    }

    /**
     * Every group containing {@code member}, directly or through nested groups. Walked level by level with
     * one indexed query per group reached: H2 plans a recursive CTE anew on every execution, which made
     * authentication the most expensive part of a request.
     */
    static Set<String> containingGroups(Connection c, String member) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        java.util.ArrayDeque<String> pending = new java.util.ArrayDeque<>();
        pending.add(member);
        try (PreparedStatement ps = c.prepareStatement("SELECT group_id FROM ae_member WHERE member_id = ?")) {
            while (!pending.isEmpty()) {
                ps.setString(1, pending.poll());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String group = rs.getString(1);
                        if (out.add(group)) {
                            pending.add(group);
                        }
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- people

    static Person findPerson(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, first_name, last_name, email, enabled FROM ae_person WHERE id_key = ?")) {
            ps.setString(1, id.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)) : null;
            }
        }
    }

    Person createPerson(String id, String firstName, String lastName, String email, char[] password, boolean enabled) {
        String hash = Passwords.hash(password);
        return db.tx(c -> {
            if (findPerson(c, id) != null || findGroup(c, id) != null) {
                throw ApiException.conflict("Person '" + id + "' already exists.");
            }
            exec(c, "INSERT INTO ae_person (id, id_key, first_name, last_name, email, pw_hash, enabled, created_at) VALUES (?,?,?,?,?,?,?,?)",
                    id, id.toLowerCase(Locale.ROOT), firstName, lastName, email, hash, enabled, System.currentTimeMillis());
            return new Person(id, firstName, lastName, email, enabled);
        });
    }

    Person person(String id) {
        return db.tx(c -> findPerson(c, id));
    }

    /** Every group containing the person, directly or through nested groups, and GROUP_EVERYONE (AuthorityService.getAuthoritiesForUser). */
    List<Group> groupsOf(String personId) {
        return db.tx(c -> {
            List<Group> out = new ArrayList<>();
            for (String g : containingGroups(c, personId)) {
                Group gr = findGroup(c, g);
                if (gr != null) {
                    out.add(gr);
                }
            }
            out.add(new Group(EVERYONE, "EVERYONE", null));
            out.sort((a, b) -> a.displayName().compareToIgnoreCase(b.displayName()));
            return out;
        });
    }

    // ---------------------------------------------------------------- groups

    static Group findGroup(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, display_name, description FROM ae_group WHERE id_key = ?")) {
            ps.setString(1, id.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Group(rs.getString(1), rs.getString(2), rs.getString(3)) : null;
            }
        }
    }

    Group group(String id) {
        if (EVERYONE.equals(id)) {
            return new Group(EVERYONE, "EVERYONE", null);
        }
        return db.tx(c -> findGroup(c, id));
    }

    /** The stored spelling of an existing authority (user and group names are case-insensitive), or null. */
    static String canonical(Connection c, String authority) throws SQLException {
        if (EVERYONE.equals(authority)) {
            return EVERYONE;
        }
        if (authority.startsWith("GROUP_")) {
            Group g = findGroup(c, authority);
            return g == null ? null : g.id();
        }
        Person p = findPerson(c, authority);
        return p == null ? null : p.id();
    }

    /** Whether an authority exists (AuthorityService.authorityExists): a person, a group, or GROUP_EVERYONE. */
    static boolean exists(Connection c, String authority) throws SQLException {
        if (EVERYONE.equals(authority)) {
            return true;
        }
        if (authority.startsWith("GROUP_")) {
            return findGroup(c, authority) != null;
        }
        return findPerson(c, authority) != null;
    }

    Group createGroup(String id, String displayName, String description) {
        return db.tx(c -> {
            if (EVERYONE.equals(id) || findGroup(c, id) != null) {
                throw ApiException.conflict("Group '" + id + "' already exists.");
            }
            String dn = displayName == null || displayName.isEmpty() ? id.substring("GROUP_".length()) : displayName;
            exec(c, "INSERT INTO ae_group (id, id_key, display_name, description, created_at) VALUES (?,?,?,?,?)",
                    id, id.toLowerCase(Locale.ROOT), dn, description, System.currentTimeMillis());
            return new Group(id, dn, description);
        });
    }

    void deleteGroup(String id) {
        db.tx(c -> {
            Group g = findGroup(c, id);
            if (g == null) {
                throw ApiException.notFound(id);
            }
            if (ADMINISTRATORS.equals(g.id())) {
                throw ApiException.conflict("Trying to modify a fixed authority");
            }
            exec(c, "DELETE FROM ae_member WHERE group_id = ? OR member_id = ?", g.id(), g.id());
            exec(c, "DELETE FROM ae_group WHERE id = ?", g.id());
            return null;
        });
    }

    boolean hasParent(String groupId) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ae_member WHERE member_id = ?")) {
                ps.setString(1, groupId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    List<Member> members(String groupId) {
        return db.tx(c -> {
            List<Member> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT member_id, member_type FROM ae_member WHERE group_id = ?")) {
                ps.setString(1, groupId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Member(rs.getString(1), null, rs.getString(2)));
                    }
                }
            }
            List<Member> named = new ArrayList<>();
            for (Member m : out) {
                if (m.memberType().equals("GROUP")) {
                    Group g = findGroup(c, m.id());
                    named.add(new Member(m.id(), g == null ? m.id() : g.displayName(), "GROUP"));
                } else {
                    Person p = findPerson(c, m.id());
                    named.add(new Member(m.id(), p == null ? m.id() : p.displayName(), "PERSON"));
                }
            }
            named.sort((a, b) -> a.displayName().compareToIgnoreCase(b.displayName()));
            return named;
        });
    }

    Member addMember(String groupId, String memberId, String memberType) {
        return db.tx(c -> {
            Group g = findGroup(c, groupId);
            if (g == null) {
                throw ApiException.notFound(groupId);
            }
            String canonical;
            String display;
            if ("GROUP".equals(memberType)) {
                Group m = findGroup(c, memberId);
                if (m == null) {
                    if (findPerson(c, memberId) != null) {
                        throw ApiException.badRequest("Incorrect group member type, PERSON exists with the given id");
                    }
                    throw ApiException.notFound(memberId);
                }
                canonical = m.id();
                display = m.displayName();
                if (canonical.equals(g.id()) || containingGroups(c, g.id()).contains(canonical)) {
                    throw ApiException.badRequest("Cyclic group membership: " + canonical);
                }
            } else {
                Person p = findPerson(c, memberId);
                if (p == null) {
                    if (memberId.startsWith("GROUP_") && findGroup(c, memberId) != null) {
                        throw ApiException.badRequest("Incorrect group member type, GROUP exists with the given id");
                    }
                    throw ApiException.notFound(memberId);
                }
                canonical = p.id();
                display = p.displayName();
            }
            if (!isDirectMember(c, g.id(), canonical)) {
                exec(c, "INSERT INTO ae_member (group_id, member_id, member_type) VALUES (?,?,?)", g.id(), canonical, memberType);
            }
            return new Member(canonical, display, memberType);
        });
    }

    void removeMember(String groupId, String memberId) {
        db.tx(c -> {
            Group g = findGroup(c, groupId);
            if (g == null) {
                throw ApiException.notFound(groupId);
            }
            String canonical = memberId;
            Person p = findPerson(c, memberId);
            if (p != null) {
                canonical = p.id();
            } else {
                Group m = findGroup(c, memberId);
                if (m == null) {
                    throw ApiException.notFound(memberId);
                }
                canonical = m.id();
            }
            if (!isDirectMember(c, g.id(), canonical)) {
                throw ApiException.notFoundMsg(memberId + " is not member of " + g.id());
            }
            exec(c, "DELETE FROM ae_member WHERE group_id = ? AND member_id = ?", g.id(), canonical);
            return null;
        });
    }

    static boolean isDirectMember(Connection c, String group, String member) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ae_member WHERE group_id = ? AND member_id = ?")) {
            ps.setString(1, group);
            ps.setString(2, member);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Display name for an authority (NodesImpl.resolveAuthorityDisplayName). */
    static String displayName(Connection c, String authority) throws SQLException {
        if (EVERYONE.equals(authority)) {
            return "EVERYONE";
        }
        if (authority.startsWith("GROUP_")) {
            Group g = findGroup(c, authority);
            return g == null ? authority : g.displayName();
        }
        Person p = findPerson(c, authority);
        return p == null ? authority : p.displayName();
    }

    static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    static String[] decodeBasic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String s = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int i = s.indexOf(':');
            return i < 0 ? new String[] {s} : new String[] {s.substring(0, i), s.substring(i + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Set<String> set(String... s) {
        return new HashSet<>(List.of(s));
    }
}
