package com.medcase.alfresco.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medcase.alfresco.embedded.Authorities.Caller;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static com.medcase.alfresco.embedded.Authorities.exec;
import static com.medcase.alfresco.embedded.PermissionModel.*;

/**
 * Nodes, ACLs, content, versions, trashcan and holds on JDBC, with ACS's semantics. Every public method is one short
 * transaction. Content files are written before the transaction that references them and deleted only after the
 * transaction that dereferences them has committed.
 */
final class Repository {
    static final String COMPANY_HOME = "Company Home";

    final Db db;
    final Dictionary dict;
    final PermissionModel model;
    final ContentStore store;
    final ObjectMapper json;
    volatile String rootId;

    Repository(Db db, Dictionary dict, PermissionModel model, ContentStore store, ObjectMapper json) {
        this.db = db;
        this.dict = dict;
        this.model = model;
        this.store = store;
        this.json = json;
    }

    // ================================================================== rows

    static final class Node {
        String id;
        String parentId;
        String name;
        String type;
        boolean folder;
        LinkedHashSet<String> aspects;
        ObjectNode props;
        boolean inherit;
        boolean hasAces;
        /** direct entries, position 0 */
        List<Ace> aces = List.of();
        String owner;
        long createdAt;
        String createdBy;
        long modifiedAt;
        String modifiedBy;
        String contentUrl;
        String mimeType;
        Long size;
        String encoding;
        boolean archived;
        boolean archivedRoot;
        Long archivedAt;
        String archivedBy;
        String archivedParentId;

        boolean frozen() {
            return aspects.contains(Dictionary.ASPECT_FROZEN);
        }
    }

    record Ace(String authority, String permission, boolean allowed, int position) { }

    private static final String COLS = "id, parent_id, name, node_type, is_folder, aspects, props, inherit, has_aces, owner_id, created_at, "
            + "created_by, modified_at, modified_by, content_url, mime_type, content_size, encoding, archived, archived_root, archived_at, "
            + "archived_by, archived_parent_id, acl";

    private Node row(ResultSet rs) throws SQLException {
        Node n = new Node();
        n.id = rs.getString(1);
        n.parentId = rs.getString(2);
        n.name = rs.getString(3);
        n.type = rs.getString(4);
        n.folder = rs.getBoolean(5);
        n.aspects = splitAspects(rs.getString(6));
        n.props = parseProps(rs.getString(7));
        n.inherit = rs.getBoolean(8);
        n.hasAces = rs.getBoolean(9);
        n.owner = rs.getString(10);
        n.createdAt = rs.getLong(11);
        n.createdBy = rs.getString(12);
        n.modifiedAt = rs.getLong(13);
        n.modifiedBy = rs.getString(14);
        n.contentUrl = rs.getString(15);
        n.mimeType = rs.getString(16);
        long size = rs.getLong(17);
        n.size = rs.wasNull() ? null : size;
        n.encoding = rs.getString(18);
        n.archived = rs.getBoolean(19);
        n.archivedRoot = rs.getBoolean(20);
        long at = rs.getLong(21);
        n.archivedAt = rs.wasNull() ? null : at;
        n.archivedBy = rs.getString(22);
        n.archivedParentId = rs.getString(23);
        n.aces = parseAcl(rs.getString(24));
        n.hasAces = !n.aces.isEmpty();
        return n;
    }

    List<Ace> parseAcl(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        try {
            List<Ace> out = new ArrayList<>();
            for (JsonNode e : json.readTree(text)) {
                out.add(new Ace(e.get(0).asText(), e.get(1).asText(), e.get(2).asBoolean(), 0));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt acl", e);
        }
    }

    String aclText(List<Ace> aces) {
        if (aces == null || aces.isEmpty()) {
            return null;
        }
        ArrayNode arr = json.createArrayNode();
        for (Ace a : aces) {
            arr.addArray().add(a.authority()).add(a.permission()).add(a.allowed());
        }
        return arr.toString();
    }

    static LinkedHashSet<String> splitAspects(String s) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (s != null && !s.isEmpty()) {
            for (String a : s.split(",")) {
                out.add(a);
            }
        }
        return out;
    }

    ObjectNode parseProps(String s) {
        try {
            return (ObjectNode) json.readTree(s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt properties", e);
        }
    }

    String propsText(ObjectNode props) {
        try {
            return json.writeValueAsString(props);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Node load(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM ae_node WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    /** NodesImpl.validateOrLookupNode: aliases -root-; unknown or archived ids -> 404. */
    Node live(Connection c, String id) throws SQLException {
        String real = "-root-".equals(id) ? rootId : id;
        Node n = real == null ? null : load(c, real);
        if (n == null || n.archived) {
            throw ApiException.notFound(id);
        }
        return n;
    }

    Node lookup(Connection c, Node base, String relativePath) throws SQLException {
        Node cur = base;
        if (relativePath == null || relativePath.isBlank()) {
            return cur;
        }
        for (String el : relativePath.split("/")) {
            if (el.isEmpty()) {
                continue;
            }
            Node child = childByName(c, cur.id, el);
            if (child == null) {
                throw ApiException.notFound(relativePath);
            }
            cur = child;
        }
        return cur;
    }

    Node childByName(Connection c, String parentId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM ae_node WHERE parent_id = ? AND name_key = ?")) {
            ps.setString(1, parentId);
            ps.setString(2, nameKey(name));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    // ================================================================== bootstrap

    void bootstrap(String admin) {
        rootId = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM ae_node WHERE parent_id IS NULL AND archived_root = FALSE AND archived = FALSE")) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            // spaces.xml: Company Home, inherit="false", GROUP_EVERYONE Consumer ALLOWED
            String id = NodeIds.next();
            ObjectNode props = json.createObjectNode();
            props.put("cm:title", COMPANY_HOME);
            props.put("cm:description", "The company root space");
            long now = System.currentTimeMillis();
            insertNode(c, id, null, COMPANY_HOME, Dictionary.CM_FOLDER, true, new LinkedHashSet<>(List.of("cm:titled", "cm:auditable")),
                    props, false, aclText(List.of(new Ace(Authorities.EVERYONE, "Consumer", true, 0))), "System", now, "System", null, null, null, null);
            return id;
        });
        db.tx(c -> {
            // V3: entries of the former ae_ace table move into the node rows
            Map<String, List<Ace>> byNode = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT node_id, authority, permission, allowed FROM ae_ace ORDER BY node_id, seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byNode.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Ace(rs.getString(2), rs.getString(3), rs.getBoolean(4), 0));
                }
            }
            for (var e : byNode.entrySet()) {
                exec(c, "UPDATE ae_node SET acl = ?, has_aces = TRUE WHERE id = ?", aclText(e.getValue()), e.getKey());
            }
            if (!byNode.isEmpty()) {
                exec(c, "DELETE FROM ae_ace");
            }
            return null;
        });
    }

    private void insertNode(Connection c, String id, String parentId, String name, String type, boolean folder, Set<String> aspects,
                            ObjectNode props, boolean inherit, String acl, String user, long now, String owner,
                            String contentUrl, String mime, Long size, String encoding) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ae_node (id, parent_id, name, name_key, node_type, is_folder, aspects, props, "
                + "inherit, has_aces, owner_id, created_at, created_by, modified_at, modified_by, content_url, mime_type, content_size, encoding, "
                + "archived, archived_root, acl) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,FALSE,FALSE,?)")) {
            ps.setString(1, id);
            ps.setString(2, parentId);
            ps.setString(3, name);
            ps.setString(4, nameKey(name));
            ps.setString(5, type);
            ps.setBoolean(6, folder);
            ps.setString(7, String.join(",", aspects));
            ps.setString(8, propsText(props));
            ps.setBoolean(9, inherit);
            ps.setBoolean(10, acl != null);
            ps.setString(11, owner);
            ps.setLong(12, now);
            ps.setString(13, user);
            ps.setLong(14, now);
            ps.setString(15, user);
            bindContent(ps, 16, contentUrl, mime, size, encoding);
            ps.setString(20, acl);
            ps.executeUpdate();
        }
    }

    /** The four content columns (url, mimetype, size, encoding) from {@code first} on; a node without content has a null size. */
    private static void bindContent(PreparedStatement ps, int first, String url, String mime, Long size, String encoding) throws SQLException {
        ps.setString(first, url);
        ps.setString(first + 1, mime);
        if (size == null) {
            ps.setNull(first + 2, java.sql.Types.BIGINT);
        } else {
            ps.setLong(first + 2, size);
        }
        ps.setString(first + 3, encoding);
    }

    void updateRow(Connection c, Node n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ae_node SET parent_id = ?, name = ?, name_key = ?, node_type = ?, aspects = ?, props = ?, "
                + "inherit = ?, has_aces = ?, modified_at = ?, modified_by = ?, content_url = ?, mime_type = ?, content_size = ?, encoding = ? WHERE id = ?")) {
            ps.setString(1, n.parentId);
            ps.setString(2, n.name);
            ps.setString(3, nameKey(n.name));
            ps.setString(4, n.type);
            ps.setString(5, String.join(",", n.aspects));
            ps.setString(6, propsText(n.props));
            ps.setBoolean(7, n.inherit);
            ps.setBoolean(8, n.hasAces);
            ps.setLong(9, n.modifiedAt);
            ps.setString(10, n.modifiedBy);
            bindContent(ps, 11, n.contentUrl, n.mimeType, n.size, n.encoding);
            ps.setString(15, n.id);
            ps.executeUpdate();
        }
    }

    // ================================================================== permissions

    static List<Ace> localAces(Node n, int position) {
        List<Ace> out = new ArrayList<>(n.aces.size());
        for (Ace a : n.aces) {
            out.add(new Ace(a.authority(), a.permission(), a.allowed(), position));
        }
        return out;
    }

    /** The node's effective ACL: its own entries at position 0, then (while inheritance is on) each ancestor's at +1. */
    List<Ace> effectiveAcl(Connection c, Node n) throws SQLException {
        List<Ace> out = new ArrayList<>();
        Node cur = n;
        int pos = 0;
        while (cur != null) {
            if (cur.hasAces) {
                out.addAll(localAces(cur, pos));
            }
            if (!cur.inherit || cur.parentId == null) {
                break;
            }
            cur = load(c, cur.parentId);
            pos++;
        }
        return out;
    }

    /**
     * PermissionServiceImpl.AclTest.checkRequired with security.anyDenyDenies=true (repository.properties): entries in
     * order (position ascending, DENIED before ALLOWED at one position — SimpleAccessControlEntry.compareTo). First pass:
     * an applicable DENY for one of the caller's authorities denies unless that same authority was ALLOWED the
     * permission by an earlier entry. Second pass: the first applicable ALLOW (not denied earlier to that authority) grants.
     */
    boolean evaluate(List<Ace> acl, Set<String> authorities, int required) {
        List<Ace> sorted = new ArrayList<>(acl);
        sorted.sort(Comparator.comparingInt(Ace::position).thenComparing(a -> a.allowed() ? 1 : 0));
        Map<String, Integer> allowedByAuthority = new HashMap<>();
        for (Ace ace : sorted) {
            Integer bits = model.bits(ace.permission());
            int b = bits == null ? 0 : bits;
            if (ace.allowed()) {
                allowedByAuthority.merge(ace.authority(), b, (x, y) -> x | y);
            } else {
                int allowedBefore = allowedByAuthority.getOrDefault(ace.authority(), 0);
                if ((allowedBefore & required) == 0 && authorities.contains(ace.authority()) && (b & required) != 0) {
                    return false;
                }
            }
        }
        Map<String, Integer> deniedByAuthority = new HashMap<>();
        for (Ace ace : sorted) {
            Integer bits = model.bits(ace.permission());
            int b = bits == null ? 0 : bits;
            if (!ace.allowed()) {
                deniedByAuthority.merge(ace.authority(), b, (x, y) -> x | y);
            } else if ((deniedByAuthority.getOrDefault(ace.authority(), 0) & required) == 0
                    && authorities.contains(ace.authority()) && (b & required) == required) {
                return true;
            }
        }
        return false;
    }

    /** Global permissions first (ROLE_ADMINISTRATOR and ROLE_OWNER have FullControl: permissionDefinitions.xml), then the ACL. */
    boolean has(Connection c, Caller caller, Node n, int required) throws SQLException {
        if (caller.admin() || isOwner(caller, n)) {
            return true;
        }
        List<Ace> acl = effectiveAcl(c, n);
        // each low-level permission is tested on its own, as ACS tests a permission and then its node requirements
        for (int bit = 1; bit <= required; bit <<= 1) {
            if ((required & bit) != 0 && !evaluate(acl, caller.authorities(), bit)) {
                return false;
            }
        }
        return true;
    }

    static boolean isOwner(Caller caller, Node n) {
        String owner = n.props.hasNonNull("cm:owner") ? n.props.get("cm:owner").asText() : n.owner;
        return owner != null && owner.equalsIgnoreCase(caller.user());
    }

    void require(Connection c, Caller caller, Node n, int required) throws SQLException {
        if (!has(c, caller, n, required)) {
            throw ApiException.forbidden("Permission was denied");
        }
    }

    /** Read access for GET on a node (NodeService.getProperties = ACL_NODE.0.sys:base.ReadProperties). */
    Node readable(Connection c, Caller caller, String id) throws SQLException {
        Node n = live(c, id);
        require(c, caller, n, READ_PROPERTIES);
        return n;
    }

    // ================================================================== rendering

    final class Render {
        final Connection c;
        final Caller caller;
        final Map<String, ObjectNode> users = new HashMap<>();

        Render(Connection c, Caller caller) {
            this.c = c;
            this.caller = caller;
        }

        ObjectNode user(String id) throws SQLException {
            ObjectNode u = users.get(id);
            if (u == null) {
                u = json.createObjectNode();
                Authorities.Person p = Authorities.findPerson(c, id);
                u.put("id", id);
                u.put("displayName", p == null ? id : p.displayName());
                users.put(id, u);
            }
            return u.deepCopy();
        }

        /** NodesImpl.getFolderOrDocument; full = single-node GET adds aspectNames and properties (getFolderOrDocumentFullInfo). */
        ObjectNode node(Node n, Set<String> include, boolean full) throws SQLException {
            ObjectNode o = json.createObjectNode();
            o.put("id", n.id);
            o.put("name", n.name);
            o.put("nodeType", n.type);
            boolean file = dict.isSubClass(n.type, Dictionary.CM_CONTENT);
            boolean folder = dict.isSubClass(n.type, Dictionary.CM_FOLDER);
            o.put("isFolder", folder);
            o.put("isFile", file);
            o.put("modifiedAt", Dates.format(n.modifiedAt));
            o.set("modifiedByUser", user(n.modifiedBy));
            o.put("createdAt", Dates.format(n.createdAt));
            o.set("createdByUser", user(n.createdBy));
            String parent = n.archivedRoot ? n.archivedParentId : n.parentId;
            if (parent != null) {
                o.put("parentId", parent);
            }
            if (file) {
                o.set("content", content(n.mimeType, n.size, n.encoding));
            }
            if (full || include.contains("aspectNames")) {
                ArrayNode a = o.putArray("aspectNames");
                n.aspects.stream().filter(x -> !Dictionary.isSystem(x)).forEach(a::add);
            }
            if (full || include.contains("properties")) {
                ObjectNode p = Dictionary.outputProperties(n.props);
                if (!p.isEmpty()) {
                    o.set("properties", p);
                }
            }
            if (include.contains("allowableOperations")) {
                ArrayNode ops = json.createArrayNode();
                if (has(c, caller, n, DELETE_NODE) && !n.id.equals(rootId)) {
                    ops.add("delete");
                }
                if (!file && has(c, caller, n, CREATE_CHILDREN)) {
                    ops.add("create");
                }
                if (has(c, caller, n, WRITE_PROPERTIES)) {
                    ops.add("update");
                }
                if (has(c, caller, n, CHANGE_PERMISSIONS)) {
                    ops.add("updatePermissions");
                }
                if (!ops.isEmpty()) {
                    o.set("allowableOperations", ops);
                }
            }
            if (include.contains("path") && !n.archived) {
                o.set("path", path(n));
            }
            if (include.contains("permissions") && has(c, caller, n, READ_PERMISSIONS)) {
                o.set("permissions", permissions(n));
            }
            if (include.contains("isLocked")) {
                o.put("isLocked", false);
            }
            return o;
        }

        ObjectNode content(String mime, Long size, String encoding) {
            ObjectNode ct = json.createObjectNode();
            String m = mime == null ? Mimetypes.OCTET : mime;
            ct.put("mimeType", m);
            ct.put("mimeTypeName", Mimetypes.displayName(m));
            ct.put("sizeInBytes", size == null ? 0 : size);
            ct.put("encoding", encoding == null ? "UTF-8" : encoding);
            return ct;
        }

        ObjectNode path(Node n) throws SQLException {
            List<Node> chain = new ArrayList<>();
            Node cur = n.parentId == null ? null : load(c, n.parentId);
            while (cur != null) {
                chain.add(0, cur);
                cur = cur.parentId == null ? null : load(c, cur.parentId);
            }
            ObjectNode p = json.createObjectNode();
            StringBuilder name = new StringBuilder();
            ArrayNode els = json.createArrayNode();
            for (Node e : chain) {
                name.append('/').append(e.name);
                ObjectNode el = json.createObjectNode();
                el.put("id", e.id);
                el.put("name", e.name);
                el.put("nodeType", e.type);
                ArrayNode an = el.putArray("aspectNames");
                e.aspects.stream().filter(x -> !Dictionary.isSystem(x)).forEach(an::add);
                els.add(el);
            }
            p.put("name", name.length() == 0 ? "/" : name.toString());
            p.put("isComplete", true);
            p.set("elements", els);
            return p;
        }

        final Map<String, String> authorityNames = new HashMap<>();

        /** NodesImpl.resolveAuthorityDisplayName: AuthorityService.getAuthorityDisplayName (a group's display name, else the short name). */
        String authorityDisplayName(String authority) throws SQLException {
            String cached = authorityNames.get(authority);
            if (cached == null) {
                if (authority.startsWith("GROUP_")) {
                    cached = Authorities.displayName(c, authority);
                } else {
                    cached = authority;
                }
                authorityNames.put(authority, cached);
            }
            return cached;
        }

        ObjectNode permissions(Node n) throws SQLException {
            ObjectNode p = json.createObjectNode();
            p.put("isInheritanceEnabled", n.inherit);
            ArrayNode inherited = json.createArrayNode();
            ArrayNode local = json.createArrayNode();
            Set<String> seen = new HashSet<>();
            for (Ace a : effectiveAcl(c, n)) {
                ObjectNode e = json.createObjectNode();
                e.put("authorityId", a.authority());
                e.put("name", a.permission());
                e.put("accessStatus", a.allowed() ? "ALLOWED" : "DENIED");
                e.put("authorityDisplayName", authorityDisplayName(a.authority()));
                if (a.position() == 0) {
                    local.add(e);
                } else if (seen.add(a.authority() + "\u0000" + a.permission() + "\u0000" + a.allowed())) {
                    inherited.add(e);
                }
            }
            if (!inherited.isEmpty()) {
                p.set("inherited", inherited);
            }
            if (!local.isEmpty()) {
                p.set("locallySet", local);
            }
            ArrayNode settable = p.putArray("settable");
            model.settable(n.type, dict).forEach(settable::add);
            return p;
        }
    }

    // ================================================================== node operations

    record Created(ObjectNode body, List<String> orphans) { }

    /** Request data for create (JSON NodeBodyCreate or multipart upload). */
    static final class CreateSpec {
        String name;
        String nodeType;
        List<String> aspectNames;
        JsonNode properties;
        JsonNode permissions;
        String relativePath;
        boolean autoRename;
        Boolean versionMajor;
        String versionComment;
        boolean upload;
        InputStream content;
        String contentMime;
        String contentEncoding;
    }

    /** cm:owner decides ROLE_OWNER (FullControl); ACS guards it with SetOwner/TakeOwnership: here administrators only. */
    static void checkOwnerChange(Caller caller, Map<String, JsonNode> props) {
        if (props.containsKey("cm:owner") && !caller.admin()) {
            throw ApiException.forbidden("Only administrators can set cm:owner here");
        }
    }

    ObjectNode createChild(Caller caller, String parentId, CreateSpec spec, Set<String> include) {
        validateAspectNames(spec.aspectNames);
        Map<String, JsonNode> props = dict.convertProperties(spec.properties, false);
        checkOwnerChange(caller, props);
        JsonNode propName = props.remove("cm:name");
        if ((spec.name == null || spec.name.isEmpty()) && propName != null && !propName.isNull()) {
            spec.name = propName.asText();
        }
        String type = spec.nodeType == null || spec.nodeType.isEmpty() ? (spec.upload ? Dictionary.CM_CONTENT : null) : spec.nodeType;
        if (spec.name == null || spec.name.isEmpty()) {
            throw ApiException.badRequest("Node name is expected: " + parentId);
        }
        if (type == null) {
            throw ApiException.badRequest("Node type is expected: " + parentId + "," + spec.name);
        }
        if (dict.type(type) == null || !dict.isSubClass(type, Dictionary.CM_CMOBJECT)) {
            throw ApiException.badRequest("Invalid type: " + type + " - expected (sub-)type of cm:cmobject");
        }
        boolean isContent = dict.isSubClass(type, Dictionary.CM_CONTENT);
        boolean isFolder = dict.isSubClass(type, Dictionary.CM_FOLDER);
        if (spec.upload && !isContent) {
            throw ApiException.badRequest("Specified type is not a (sub-)type of cm:content: " + type);
        }
        ContentStore.Written written = null;
        if (spec.content != null) {
            written = store.write(spec.content);
        }
        final ContentStore.Written w = written;
        try {
            return db.txRetrying(c -> {
                Node parent = live(c, parentId);
                if (!dict.isSubClass(parent.type, Dictionary.CM_FOLDER)) {
                    throw ApiException.badRequest("NodeId of folder is expected: " + parent.id);
                }
                parent = makeFolders(c, caller, parent, spec.relativePath);
                require(c, caller, parent, CREATE_CHILDREN);
                String name = spec.name;
                if (Dictionary.FILENAME_INVALID.matcher(name).matches()) {
                    throw ApiException.integrity("Invalid name (cm:filename constraint)");
                }
                if (childByName(c, parent.id, name) != null) {
                    if (spec.autoRename && (isContent || isFolder)) {
                        name = uniqueName(c, parent.id, name);
                    } else {
                        throw ApiException.conflict("Duplicate child name not allowed: " + name);
                    }
                }
                long now = System.currentTimeMillis();
                String id = NodeIds.next();
                LinkedHashSet<String> aspects = new LinkedHashSet<>();
                aspects.addAll(dict.mandatoryAspects(type));
                aspects.add(Dictionary.ASPECT_AUDITABLE);
                ObjectNode stored = json.createObjectNode();
                applyProperties(stored, aspects, props);
                if (spec.aspectNames != null) {
                    for (String a : spec.aspectNames) {
                        if (!a.equals(Dictionary.ASPECT_AUDITABLE)) {
                            aspects.add(a);
                        }
                    }
                }
                String mime = null;
                Long size = null;
                String enc = null;
                if (isContent) {
                    mime = spec.contentMime != null && !spec.contentMime.equals(Mimetypes.OCTET) ? spec.contentMime : Mimetypes.guess(name);
                    size = w == null ? 0L : w.size();
                    enc = spec.contentEncoding != null ? spec.contentEncoding : "UTF-8";
                }
                boolean versioned = aspects.contains(Dictionary.ASPECT_VERSIONABLE) || spec.versionMajor != null;
                if (versioned) {
                    aspects.add(Dictionary.ASPECT_VERSIONABLE);
                    boolean major = spec.versionMajor == null || spec.versionMajor;
                    stored.put(Dictionary.PROP_VERSION_LABEL, major ? "1.0" : "0.1");
                    stored.put(Dictionary.PROP_VERSION_TYPE, major ? "MAJOR" : "MINOR");
                }
                // the creator owns the new node (ROLE_OWNER: FullControl), so ChangePermissions holds for the initial ACL
                AclChange acl = spec.permissions != null && !spec.permissions.isNull() ? parsePermissions(c, spec.permissions) : null;
                boolean inherit = acl == null || acl.inherit() == null || acl.inherit();
                boolean hasAces = acl != null && acl.entries() != null && !acl.entries().isEmpty();
                insertNode(c, id, parent.id, name, type, isFolder, aspects, stored, inherit, hasAces ? aclText(acl.entries()) : null,
                        caller.user(), now, caller.user(), w == null ? null : w.url(), mime, size, enc);
                Node n = new Node();
                n.id = id;
                n.parentId = parent.id;
                n.name = name;
                n.type = type;
                n.folder = isFolder;
                n.aspects = aspects;
                n.props = stored;
                n.inherit = inherit;
                n.hasAces = hasAces;
                n.aces = hasAces ? acl.entries() : List.of();
                n.owner = caller.user();
                n.createdAt = now;
                n.createdBy = caller.user();
                n.modifiedAt = now;
                n.modifiedBy = caller.user();
                n.contentUrl = w == null ? null : w.url();
                n.mimeType = mime;
                n.size = size;
                n.encoding = enc;
                if (versioned) {
                    insertVersion(c, n, 1, spec.versionComment);
                }
                return new Render(c, caller).node(n, include, true);
            });
        } catch (RuntimeException e) {
            if (w != null) {
                store.delete(w.url());
            }
            throw e;
        }
    }

    /** NodesImpl.findUniqueName: "x.pdf" -> "x-1.pdf", "x" -> "x-1", ".txt" -> "1.txt". */
    String uniqueName(Connection c, String parentId, String fileName) throws SQLException {
        int counter = 1;
        String tmp;
        do {
            int dot = fileName.lastIndexOf('.');
            if (dot == 0) {
                tmp = counter + fileName;
            } else if (dot > 0) {
                tmp = fileName.substring(0, dot) + "-" + counter + fileName.substring(dot);
            } else {
                tmp = fileName + "-" + counter;
            }
            counter++;
        } while (childByName(c, parentId, tmp) != null);
        return tmp;
    }

    /** NodesImpl.makeFolders: find or create cm:folder path elements under the parent. */
    Node makeFolders(Connection c, Caller caller, Node parent, String relativePath) throws SQLException {
        if (relativePath == null || relativePath.isBlank()) {
            return parent;
        }
        Node cur = parent;
        for (String el : relativePath.split("/")) {
            if (el.isEmpty()) {
                continue;
            }
            Node child = childByName(c, cur.id, el);
            if (child == null) {
                require(c, caller, cur, CREATE_CHILDREN);
                if (Dictionary.FILENAME_INVALID.matcher(el).matches()) {
                    throw ApiException.integrity("Invalid name (cm:filename constraint)");
                }
                String id = NodeIds.next();
                long now = System.currentTimeMillis();
                insertNode(c, id, cur.id, el, Dictionary.CM_FOLDER, true, new LinkedHashSet<>(List.of(Dictionary.ASPECT_AUDITABLE)),
                        json.createObjectNode(), true, null, caller.user(), now, caller.user(), null, null, null, null);
                child = load(c, id);
            } else if (!dict.isSubClass(child.type, Dictionary.CM_FOLDER)) {
                throw ApiException.conflict("Path element is not a folder: " + child.id);
            }
            cur = child;
        }
        return cur;
    }

    void validateAspectNames(List<String> aspectNames) {
        if (aspectNames == null) {
            return;
        }
        for (String a : aspectNames) {
            if (dict.aspect(a) == null) {
                throw ApiException.badRequest("Unknown aspect: " + a);
            }
            if (Dictionary.isSystem(a)) {
                throw ApiException.badRequest("NameSpace cannot be used by API: " + a);
            }
            if (a.startsWith("rma:")) {
                throw ApiException.badRequest("Cannot be used by API: " + a);
            }
        }
    }

    /** nodeService.addProperties: null removes; a property of an aspect the node lacks adds that aspect. */
    void applyProperties(ObjectNode stored, Set<String> aspects, Map<String, JsonNode> props) {
        props.forEach((k, v) -> {
            if (v == null) {
                stored.remove(k);
            } else {
                stored.set(k, v);
                String owner = dict.ownerOf(k);
                if (owner != null && dict.aspect(owner) != null) {
                    aspects.add(owner);
                }
            }
        });
    }

    ObjectNode getNode(Caller caller, String id, String relativePath, Set<String> include) {
        return db.tx(c -> {
            Node base = live(c, id);
            Node n = lookup(c, base, relativePath);
            require(c, caller, n, READ_PROPERTIES);
            return new Render(c, caller).node(n, include, true);
        });
    }

    void refuseIfFrozen(Node n, String what) {
        if (n.frozen()) {
            // FrozenAspect: PermissionDeniedException -> 403 for everyone, administrators included
            throw ApiException.forbidden("Frozen content can't be " + what + ".");
        }
    }

    ObjectNode updateNode(Caller caller, String id, JsonNode body, Set<String> include) {
        List<String> aspectNames = null;
        if (body.has("aspectNames") && !body.get("aspectNames").isNull()) {
            aspectNames = new ArrayList<>();
            for (JsonNode a : body.get("aspectNames")) {
                aspectNames.add(a.asText());
            }
            for (String a : aspectNames) {
                if (dict.aspect(a) == null) {
                    throw ApiException.badRequest("Unknown aspect: " + a);
                }
                if (Dictionary.isSystem(a)) {
                    throw ApiException.badRequest("NameSpace cannot be used by API: " + a);
                }
            }
        }
        Map<String, JsonNode> props = dict.convertProperties(body.get("properties"), false);
        checkOwnerChange(caller, props);
        // cm:name among the properties is a rename (NodesImpl.handleNodeRename); the name field wins (updateNodeImpl)
        JsonNode propName = props.remove("cm:name");
        final List<String> aspectList = aspectNames;
        return db.tx(c -> {
            Node n = live(c, id);
            String name = body.hasNonNull("name") && !body.get("name").asText().isEmpty() ? body.get("name").asText()
                    : propName != null && !propName.isNull() ? propName.asText() : null;
            String type = body.hasNonNull("nodeType") ? body.get("nodeType").asText() : null;
            // What actually changes decides the checks: like nodeService.addProperties/updateCustomAspects, a body that
            // repeats the current values changes nothing (no FrozenAspect policy fires, no Write needed).
            final String beforeType = n.type;
            final String beforeName = n.name;
            final Set<String> beforeAspects = new LinkedHashSet<>(n.aspects);
            final ObjectNode beforeProps = n.props.deepCopy();
            boolean mayTouch = !props.isEmpty() || aspectList != null || (name != null && !name.isEmpty() && !name.equals(n.name))
                    || (type != null && !type.isEmpty() && !type.equals(n.type));
            if (!props.isEmpty() || (name != null && !name.isEmpty() && !name.equals(n.name))) {
                // NodeService.addProperties = ACL_NODE.0.sys:base.WriteProperties, checked whenever properties are sent
                require(c, caller, n, WRITE_PROPERTIES);
            } else if (mayTouch) {
                require(c, caller, n, READ_PROPERTIES);
            }
            if (type != null && !type.isEmpty() && !type.equals(n.type)) {
                if (dict.type(type) == null || !dict.isSubClass(type, n.type)) {
                    throw ApiException.badRequest("Failed to change (specialise) node type - from " + n.type + " to " + type);
                }
                n.type = type;
                n.aspects.addAll(dict.mandatoryAspects(type));
            }
            if (aspectList != null) {
                // NodesImpl.updateCustomAspects: replace-all of the node's custom aspects; sys:, cm:auditable kept
                Set<String> requested = new LinkedHashSet<>(aspectList);
                boolean rmaChange = requested.stream().anyMatch(a -> a.startsWith("rma:") && !n.aspects.contains(a))
                        || n.aspects.stream().anyMatch(a -> a.startsWith("rma:") && !requested.contains(a));
                if (rmaChange) {
                    throw ApiException.badRequest("Cannot be used by API: rma: aspects");
                }
                Set<String> mandatory = new HashSet<>(dict.mandatoryAspects(n.type));
                for (String existing : new ArrayList<>(n.aspects)) {
                    if (Dictionary.isSystem(existing) || existing.equals(Dictionary.ASPECT_AUDITABLE) || requested.contains(existing)) {
                        continue;
                    }
                    if (mandatory.contains(existing)) {
                        continue;
                    }
                    n.aspects.remove(existing);
                    for (String p : dict.aspectProperties(existing)) {
                        n.props.remove(p);
                    }
                }
                for (String a : requested) {
                    if (!a.equals(Dictionary.ASPECT_AUDITABLE) && !Dictionary.isSystem(a)) {
                        if (a.equals(Dictionary.ASPECT_VERSIONABLE) && !n.aspects.contains(a)) {
                            n.aspects.add(a);
                            startVersioning(c, n);
                        }
                        n.aspects.add(a);
                    }
                }
            }
            applyProperties(n.props, n.aspects, props);
            if (name != null && !name.isEmpty() && !name.equals(n.name)) {
                if (n.id.equals(rootId)) {
                    throw ApiException.forbidden("Cannot rename Company Home");
                }
                if (Dictionary.FILENAME_INVALID.matcher(name).matches()) {
                    throw ApiException.integrity("Invalid name (cm:filename constraint)");
                }
                Node clash = childByName(c, n.parentId, name);
                if (clash != null && !clash.id.equals(n.id)) {
                    throw ApiException.conflict("Duplicate child name not allowed: " + name);
                }
                n.name = name;
            }
            boolean touchesNode = !n.type.equals(beforeType) || !n.name.equals(beforeName) || !n.aspects.equals(beforeAspects)
                    || !n.props.equals(beforeProps);
            if (touchesNode) {
                refuseIfFrozen(n, "updated");
                require(c, caller, n, WRITE_PROPERTIES);
                n.modifiedAt = System.currentTimeMillis();
                n.modifiedBy = caller.user();
                updateRow(c, n);
            }
            if (body.has("permissions") && !body.get("permissions").isNull()) {
                // permissions are not node properties: FrozenAspect has no policy on ACL changes (see README)
                processPermissions(c, caller, n, body.get("permissions"));
            }
            return new Render(c, caller).node(n, include, true);
        });
    }

    /**
     * NodesImpl.processNodePermissions: inherited cannot be set (400); isInheritanceEnabled set if given; locallySet is
     * replace-all of the direct entries; duplicate entries 400; missing authority/name 400; unknown authority 400;
     * unknown permission name 400. Needs ChangePermissions (PermissionService.setPermission = ACL_NODE.0.sys:base.ChangePermissions).
     */
    /** A validated permissions body: the inheritance flag (null = unchanged) and the direct entries (null = unchanged). */
    record AclChange(Boolean inherit, List<Ace> entries) { }

    AclChange parsePermissions(Connection c, JsonNode perms) throws SQLException {
        if (!perms.isObject()) {
            throw ApiException.badRequest("permissions must be an object");
        }
        if (perms.has("inherited") && perms.get("inherited").isArray() && perms.get("inherited").size() > 0) {
            throw ApiException.badRequest("Cannot set *inherited* permissions on this node");
        }
        JsonNode inheritance = perms.get("isInheritanceEnabled");
        JsonNode locallySet = perms.get("locallySet");
        Boolean inherit = inheritance == null || inheritance.isNull() ? null : inheritance.asBoolean();
        List<Ace> list = null;
        if (locallySet != null && !locallySet.isNull()) {
            if (!locallySet.isArray()) {
                throw ApiException.badRequest("locallySet must be an array");
            }
            Set<String> dup = new HashSet<>();
            for (JsonNode e : locallySet) {
                String key = text(e, "authorityId") + "\u0000" + text(e, "name") + "\u0000" + (text(e, "accessStatus") == null ? "ALLOWED" : text(e, "accessStatus"));
                if (!dup.add(key)) {
                    throw ApiException.badRequest("Duplicate node permissions, there is more than one permission with the same authority and name!");
                }
            }
            LinkedHashMap<String, Ace> entries = new LinkedHashMap<>();
            for (JsonNode e : locallySet) {
                String authority = text(e, "authorityId");
                String name = text(e, "name");
                String status = text(e, "accessStatus");
                boolean allowed = true;
                if (status != null) {
                    if (status.equals("DENIED")) {
                        allowed = false;
                    } else if (!status.equals("ALLOWED")) {
                        throw ApiException.badRequest("No enum constant AccessStatus." + status);
                    }
                }
                if (authority == null || authority.isEmpty()) {
                    throw ApiException.badRequest("Authority Id is expected.");
                }
                if (name == null || name.isEmpty()) {
                    throw ApiException.badRequest("Permission name is expected.");
                }
                String canonical = Authorities.canonical(c, authority);
                if (canonical == null) {
                    throw ApiException.badRequest("Cannot set permissions on this node - unknown authority: " + authority);
                }
                authority = canonical;
                if (!model.isKnown(name)) {
                    throw ApiException.badRequest("Cannot set permissions on this node - unknown access level: " + name);
                }
                entries.put(authority + "\u0000" + name, new Ace(authority, name, allowed, 0));
            }
            list = new ArrayList<>(entries.values());
        }
        return new AclChange(inherit, list);
    }

    /** Applies a permissions body to an existing node; writes nothing when the ACL is already as asked. */
    void processPermissions(Connection c, Caller caller, Node n, JsonNode perms) throws SQLException {
        AclChange change = parsePermissions(c, perms);
        if (change.inherit() == null && change.entries() == null) {
            return;
        }
        require(c, caller, n, CHANGE_PERMISSIONS);
        boolean inherit = change.inherit() == null ? n.inherit : change.inherit();
        List<Ace> aces = change.entries() == null ? n.aces : change.entries();
        if (inherit != n.inherit || !aces.equals(n.aces)) {
            n.inherit = inherit;
            n.aces = aces;
            n.hasAces = !aces.isEmpty();
            exec(c, "UPDATE ae_node SET inherit = ?, has_aces = ?, acl = ? WHERE id = ?", n.inherit, n.hasAces, aclText(aces), n.id);
        }
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** AuthorityService.deleteAuthority removes the authority's ACEs (PermissionService.deletePermissions(authority)). */
    void removeAuthorityAces(String authority) {
        db.tx(c -> {
            List<Node> hits = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM ae_node WHERE acl LIKE ?")) {
                ps.setString(1, "%" + json.getNodeFactory().textNode(authority) + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hits.add(row(rs));
                    }
                }
            }
            for (Node n : hits) {
                List<Ace> kept = n.aces.stream().filter(a -> !a.authority().equals(authority)).toList();
                exec(c, "UPDATE ae_node SET acl = ?, has_aces = ? WHERE id = ?", aclText(kept), !kept.isEmpty(), n.id);
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ children

    record Page(List<ObjectNode> entries, int skip, int max, boolean hasMore, long total) { }

    Page children(Caller caller, String parentId, String relativePath, int skip, int max, String where, String orderBy, Set<String> include) {
        StringBuilder filter = new StringBuilder();
        List<Object> args = new ArrayList<>();
        parseWhere(where, filter, args);
        String order = orderClause(orderBy);
        return db.tx(c -> {
            Node parent = lookup(c, live(c, parentId), relativePath);
            require(c, caller, parent, READ_CHILDREN);
            Render r = new Render(c, caller);
            List<ObjectNode> out = new ArrayList<>();
            if (caller.admin()) {
                long total;
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ae_node WHERE parent_id = ?" + filter)) {
                    bind(ps, parent.id, args);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM ae_node WHERE parent_id = ?" + filter + order
                        + " LIMIT " + max + " OFFSET " + skip)) {
                    bind(ps, parent.id, args);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(r.node(row(rs), include, false));
                        }
                    }
                }
                return new Page(out, skip, max, skip + out.size() < total, total);
            }
            // Non-administrators: children the caller cannot read are left out (ACS filters children by permission).
            List<Ace> parentAcl = effectiveAcl(c, parent);
            Boolean inheritedReadable = null;
            long readable = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM ae_node WHERE parent_id = ?" + filter + order)) {
                bind(ps, parent.id, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Node n = row(rs);
                        boolean ok;
                        if (isOwner(caller, n)) {
                            ok = true;
                        } else if (!n.hasAces && n.inherit) {
                            if (inheritedReadable == null) {
                                inheritedReadable = evaluate(shift(parentAcl), caller.authorities(), READ_PROPERTIES);
                            }
                            ok = inheritedReadable;
                        } else {
                            List<Ace> acl = new ArrayList<>(localAces(n, 0));
                            if (n.inherit) {
                                acl.addAll(shift(parentAcl));
                            }
                            ok = evaluate(acl, caller.authorities(), READ_PROPERTIES);
                        }
                        if (ok) {
                            if (readable >= skip && out.size() < max) {
                                out.add(r.node(n, include, false));
                            }
                            readable++;
                        }
                    }
                }
            }
            return new Page(out, skip, max, skip + out.size() < readable, readable);
        });
    }

    private static List<Ace> shift(List<Ace> acl) {
        List<Ace> out = new ArrayList<>(acl.size());
        for (Ace a : acl) {
            out.add(new Ace(a.authority(), a.permission(), a.allowed(), a.position() + 1));
        }
        return out;
    }

    private static void bind(PreparedStatement ps, String parentId, List<Object> args) throws SQLException {
        ps.setString(1, parentId);
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 2, args.get(i));
        }
    }

    /** The where forms MedCase uses: (isFile=true|false), (isFolder=true|false), (nodeType='x:y') and nodeType='x:y INCLUDESUBTYPES'. */
    void parseWhere(String where, StringBuilder filter, List<Object> args) {
        if (where == null || where.isBlank()) {
            return;
        }
        String w = where.trim();
        if (!w.startsWith("(") || !w.endsWith(")")) {
            throw ApiException.badRequest("An invalid WHERE query was received. " + where);
        }
        w = w.substring(1, w.length() - 1).trim();
        for (String clause : w.split("(?i)\\s+AND\\s+")) {
            String[] kv = clause.split("=", 2);
            if (kv.length != 2) {
                throw ApiException.badRequest("An invalid WHERE query was received. " + where);
            }
            String key = kv[0].trim();
            String value = kv[1].trim();
            switch (key) {
                case "isFile" -> {
                    boolean b = Boolean.parseBoolean(value);
                    filter.append(" AND is_folder = ?");
                    args.add(!b);
                    if (b) {
                        filter.append(" AND node_type IN (").append(typesIn(Dictionary.CM_CONTENT, args)).append(")");
                    }
                }
                case "isFolder" -> {
                    filter.append(" AND is_folder = ?");
                    args.add(Boolean.parseBoolean(value));
                }
                case "nodeType" -> {
                    String t = value.replaceAll("^'|'$", "");
                    boolean sub = false;
                    if (t.toUpperCase(Locale.ROOT).endsWith(" INCLUDESUBTYPES")) {
                        t = t.substring(0, t.length() - " INCLUDESUBTYPES".length()).trim();
                        sub = true;
                    }
                    if (dict.type(t) == null) {
                        throw ApiException.badRequest("Unknown type: " + t);
                    }
                    if (sub) {
                        filter.append(" AND node_type IN (").append(typesIn(t, args)).append(")");
                    } else {
                        filter.append(" AND node_type = ?");
                        args.add(t);
                    }
                }
                default -> throw ApiException.badRequest("An invalid WHERE query was received. Unsupported property: " + key);
            }
        }
    }

    private String typesIn(String base, List<Object> args) {
        List<String> types = new ArrayList<>();
        for (String t : allTypes()) {
            if (dict.isSubClass(t, base)) {
                types.add(t);
            }
        }
        args.addAll(types);
        return String.join(",", java.util.Collections.nCopies(types.size(), "?"));
    }

    private List<String> allTypes() {
        List<String> out = new ArrayList<>(List.of(Dictionary.CM_FOLDER, Dictionary.CM_CONTENT));
        for (String t : List.of("mc:case", "mc:claimant", "mc:provider", "mc:medicalRecord")) {
            if (dict.type(t) != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** Default order as ACS's children listing: folders first, then name; orderBy=name [ASC|DESC] orders by name only. */
    static String orderClause(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return " ORDER BY is_folder DESC, name_key ASC, id ASC";
        }
        StringBuilder sb = new StringBuilder(" ORDER BY ");
        boolean first = true;
        for (String part : orderBy.split(",")) {
            String[] p = part.trim().split("\\s+");
            String col = switch (p[0]) {
                case "name" -> "name_key";
                case "isFolder" -> "is_folder";
                case "createdAt" -> "created_at";
                case "modifiedAt" -> "modified_at";
                case "nodeType" -> "node_type";
                default -> throw ApiException.badRequest("Invalid sort field: " + p[0]);
            };
            String dir = p.length > 1 && p[1].equalsIgnoreCase("DESC") ? " DESC" : " ASC";
            sb.append(first ? "" : ", ").append(col).append(dir);
            first = false;
        }
        return sb.append(", id ASC").toString();
    }

    // ------------------------------------------------------------------ delete, trashcan, move

    List<String> subtree(Connection c, String id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE t(id) AS (SELECT id FROM ae_node WHERE id = ? "
                + "UNION ALL SELECT n.id FROM ae_node n JOIN t ON n.parent_id = t.id) SELECT id FROM t")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    boolean anyFrozen(Connection c, List<String> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i += 500) {
            List<String> part = ids.subList(i, Math.min(ids.size(), i + 500));
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ae_hold_member WHERE node_id IN ("
                    + String.join(",", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                for (int j = 0; j < part.size(); j++) {
                    ps.setString(j + 1, part.get(j));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** NodesImpl.deleteNode + FrozenAspect.beforeDeleteNode: frozen node or frozen descendant -> 403, for everyone. */
    void deleteNode(Caller caller, String id, boolean permanent) {
        List<String> orphans = db.tx(c -> {
            Node n = live(c, id);
            if (n.id.equals(rootId)) {
                throw ApiException.forbidden("Cannot delete: " + id);
            }
            refuseIfFrozen(n, "deleted");
            List<String> ids = subtree(c, n.id);
            if (anyFrozen(c, ids)) {
                throw ApiException.forbidden("Can't delete folder because it contains frozen content.");
            }
            require(c, caller, n, DELETE_NODE | DELETE_CHILDREN);
            if (permanent && !caller.admin() && !isOwner(caller, n)) {
                throw ApiException.forbidden("Non-owner/non-admin cannot permanently delete: " + id);
            }
            if (permanent) {
                return purge(c, ids);
            }
            long now = System.currentTimeMillis();
            exec(c, "UPDATE ae_node SET archived_root = TRUE, archived_at = ?, archived_by = ?, archived_parent_id = parent_id, parent_id = NULL WHERE id = ?",
                    now, caller.user(), n.id);
            markArchived(c, ids, true);
            return List.<String>of();
        });
        store.deleteAll(orphans);
    }

    private void markArchived(Connection c, List<String> ids, boolean archived) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ae_node SET archived = ? WHERE id = ?")) {
            int n = 0;
            for (String i : ids) {
                ps.setBoolean(1, archived);
                ps.setString(2, i);
                ps.addBatch();
                if (++n % 500 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** Deletes rows of the nodes, their versions and ACEs; returns the content urls to remove after commit. */
    private List<String> purge(Connection c, List<String> ids) throws SQLException {
        List<String> urls = new ArrayList<>();
        for (String i : ids) {
            try (PreparedStatement ps = c.prepareStatement("SELECT content_url FROM ae_node WHERE id = ? UNION ALL SELECT content_url FROM ae_version WHERE node_id = ?")) {
                ps.setString(1, i);
                ps.setString(2, i);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1) != null) {
                            urls.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        for (int k = ids.size() - 1; k >= 0; k--) {
            String i = ids.get(k);
            exec(c, "DELETE FROM ae_version WHERE node_id = ?", i);
            exec(c, "DELETE FROM ae_node WHERE id = ?", i);
        }
        return urls;
    }

    /** FrozenAspect.beforeMoveNode: 403. FileFolderService.move: DeleteNode on the node, CreateChildren on the target. */
    ObjectNode move(Caller caller, String id, String targetParentId, String newName, Set<String> include) {
        if (targetParentId == null || targetParentId.isEmpty()) {
            throw ApiException.badRequest("Missing targetParentId");
        }
        return db.tx(c -> {
            Node target = live(c, targetParentId);
            Node n = live(c, id);
            if (n.id.equals(rootId)) {
                throw ApiException.forbidden("Cannot move Company Home");
            }
            refuseIfFrozen(n, "moved");
            if (!dict.isSubClass(target.type, Dictionary.CM_FOLDER)) {
                throw ApiException.badRequest("NodeId of folder is expected: " + target.id);
            }
            if (subtree(c, n.id).contains(target.id)) {
                throw ApiException.badRequest("Cannot move a node into itself or its descendants");
            }
            require(c, caller, n, DELETE_NODE);
            require(c, caller, target, CREATE_CHILDREN);
            String name = newName == null || newName.isEmpty() ? n.name : newName;
            if (Dictionary.FILENAME_INVALID.matcher(name).matches()) {
                throw ApiException.integrity("Invalid name (cm:filename constraint)");
            }
            Node clash = childByName(c, target.id, name);
            if (clash != null && !clash.id.equals(n.id)) {
                throw ApiException.conflict("Duplicate child name not allowed: " + name);
            }
            n.parentId = target.id;
            n.name = name;
            n.modifiedAt = System.currentTimeMillis();
            n.modifiedBy = caller.user();
            updateRow(c, n);
            return new Render(c, caller).node(load(c, n.id), include, true);
        });
    }

    /** NodeArchiveServiceImpl: administrators see every archived node, others those they deleted (archivedBy). */
    Page deletedNodes(Caller caller, int skip, int max, Set<String> include) {
        return db.tx(c -> {
            String where = " WHERE archived_root = TRUE" + (caller.admin() ? "" : " AND archived_by = ?");
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ae_node" + where)) {
                if (!caller.admin()) {
                    ps.setString(1, caller.user());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<ObjectNode> out = new ArrayList<>();
            Render r = new Render(c, caller);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM ae_node" + where
                    + " ORDER BY archived_at DESC, id LIMIT " + max + " OFFSET " + skip)) {
                if (!caller.admin()) {
                    ps.setString(1, caller.user());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(deletedBody(r, row(rs), include, false));
                    }
                }
            }
            return new Page(out, skip, max, skip + out.size() < total, total);
        });
    }

    private ObjectNode deletedBody(Render r, Node n, Set<String> include, boolean full) throws SQLException {
        ObjectNode o = r.node(n, include, full);
        o.put("archivedAt", Dates.format(n.archivedAt));
        o.set("archivedByUser", r.user(n.archivedBy));
        return o;
    }

    Node archivedRoot(Connection c, Caller caller, String id) throws SQLException {
        Node n = load(c, id);
        if (n == null || !n.archivedRoot) {
            throw ApiException.notFound(id);
        }
        if (!caller.admin() && !caller.user().equalsIgnoreCase(n.archivedBy)) {
            throw ApiException.forbidden("Permission was denied");
        }
        return n;
    }

    ObjectNode deletedNode(Caller caller, String id, Set<String> include) {
        return db.tx(c -> deletedBody(new Render(c, caller), archivedRoot(c, caller, id), include, true));
    }

    ObjectNode restore(Caller caller, String id, Set<String> include) {
        return db.tx(c -> {
            Node n = archivedRoot(c, caller, id);
            Node parent = n.archivedParentId == null ? null : load(c, n.archivedParentId);
            if (parent == null || parent.archived) {
                throw ApiException.notFoundMsg("Invalid parent id " + n.archivedParentId);
            }
            if (childByName(c, parent.id, n.name) != null) {
                throw ApiException.conflict("Name already exists in target");
            }
            exec(c, "UPDATE ae_node SET parent_id = archived_parent_id, archived_root = FALSE, archived_at = NULL, archived_by = NULL, "
                    + "archived_parent_id = NULL WHERE id = ?", n.id);
            markArchived(c, subtree(c, n.id), false);
            return new Render(c, caller).node(load(c, n.id), include, true);
        });
    }

    /** Purge: the node, its subtree and all their versions, content files removed from disk after commit. */
    void purgeDeleted(Caller caller, String id) {
        List<String> urls = db.tx(c -> {
            Node n = archivedRoot(c, caller, id);
            List<String> ids = subtree(c, n.id);
            if (anyFrozen(c, ids)) {
                throw ApiException.forbidden("Frozen content can't be deleted.");
            }
            return purge(c, ids);
        });
        store.deleteAll(urls);
    }

    // ------------------------------------------------------------------ content

    record ContentRead(java.nio.file.Path file, String mimeType, String encoding, String name, long size) { }

    /** The plaintext of a stored content file (decrypted when the store encrypts). */
    ContentStore.Opened openContent(java.nio.file.Path file) throws java.io.IOException {
        return store.open(file);
    }

    long contentSize(java.nio.file.Path file) throws java.io.IOException {
        return store.size(file);
    }

    long reencryptContent() throws java.io.IOException {
        return store.reencrypt();
    }

    ContentRead readContent(Caller caller, String id) {
        return db.tx(c -> {
            Node n = live(c, id);
            require(c, caller, n, READ_CONTENT);
            if (!dict.isSubClass(n.type, Dictionary.CM_CONTENT)) {
                throw ApiException.badRequest("NodeId of content is expected: " + n.id);
            }
            return new ContentRead(n.contentUrl == null ? null : store.path(n.contentUrl), n.mimeType == null ? Mimetypes.OCTET : n.mimeType,
                    n.encoding, n.name, n.size == null ? 0 : n.size);
        });
    }

    /** NodesImpl.updateContent: new content; a version when versionable (minor unless majorVersion) or when majorVersion/comment given. */
    ObjectNode writeContent(Caller caller, String id, InputStream body, String contentType, Boolean major, String comment, String newName,
                            Set<String> include) {
        // the body is written (temp file, fsync, atomic move) before the transaction; refused requests delete it again
        ContentStore.Written w = store.write(body);
        List<String> orphans = new ArrayList<>();
        try {
            ObjectNode out = db.tx(c -> {
                Node n = live(c, id);
                if (!dict.isSubClass(n.type, Dictionary.CM_CONTENT)) {
                    throw ApiException.badRequest("NodeId of content is expected: " + n.id);
                }
                refuseIfFrozen(n, "updated");
                require(c, caller, n, WRITE_CONTENT);
                String old = n.contentUrl;
                if (newName != null && !newName.isEmpty() && !newName.equals(n.name)) {
                    Node clash = childByName(c, n.parentId, newName);
                    if (clash != null && !clash.id.equals(n.id)) {
                        throw ApiException.conflict("Duplicate child name not allowed: " + newName);
                    }
                    n.name = newName;
                }
                String mime = Mimetypes.fromHeader(contentType);
                n.mimeType = mime == null || mime.equals(Mimetypes.OCTET) ? Mimetypes.guess(n.name) : mime;
                String cs = Mimetypes.charset(contentType);
                n.encoding = cs != null ? cs : (n.encoding == null ? "UTF-8" : n.encoding);
                n.contentUrl = w.url();
                n.size = w.size();
                n.modifiedAt = System.currentTimeMillis();
                n.modifiedBy = caller.user();
                boolean versioned = n.aspects.contains(Dictionary.ASPECT_VERSIONABLE);
                if (versioned || major != null || comment != null) {
                    String label = n.props.hasNonNull(Dictionary.PROP_VERSION_LABEL) ? n.props.get(Dictionary.PROP_VERSION_LABEL).asText() : null;
                    boolean isMajor = major != null ? major : (!versioned || label == null);
                    n.aspects.add(Dictionary.ASPECT_VERSIONABLE);
                    String next = nextLabel(label, isMajor);
                    n.props.put(Dictionary.PROP_VERSION_LABEL, next);
                    n.props.put(Dictionary.PROP_VERSION_TYPE, isMajor ? "MAJOR" : "MINOR");
                    updateRow(c, n);
                    insertVersion(c, n, nextSeq(c, n.id), comment);
                } else {
                    updateRow(c, n);
                    if (old != null && !referencedByVersion(c, n.id, old)) {
                        orphans.add(old);
                    }
                }
                return new Render(c, caller).node(n, include, true);
            });
            store.deleteAll(orphans);
            return out;
        } catch (RuntimeException e) {
            store.delete(w.url());
            throw e;
        }
    }

    static String nextLabel(String label, boolean major) {
        if (label == null) {
            return major ? "1.0" : "0.1";
        }
        String[] p = label.split("\\.");
        int maj = Integer.parseInt(p[0]);
        int min = p.length > 1 ? Integer.parseInt(p[1]) : 0;
        return major ? (maj + 1) + ".0" : maj + "." + (min + 1);
    }

    // ------------------------------------------------------------------ versions

    /** VersionableAspect.onAddAspect with cm:initialVersion default true: version 1.0 when the aspect is added. */
    void startVersioning(Connection c, Node n) throws SQLException {
        if (n.props.hasNonNull(Dictionary.PROP_VERSION_LABEL)) {
            return;
        }
        boolean initial = !n.props.has(Dictionary.PROP_INITIAL_VERSION) || n.props.get(Dictionary.PROP_INITIAL_VERSION).asBoolean(true);
        if (!initial) {
            return;
        }
        n.props.put(Dictionary.PROP_VERSION_LABEL, "1.0");
        n.props.put(Dictionary.PROP_VERSION_TYPE, "MAJOR");
        updateRow(c, n);
        insertVersion(c, n, nextSeq(c, n.id), null);
    }

    int nextSeq(Connection c, String nodeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM ae_version WHERE node_id = ?")) {
            ps.setString(1, nodeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) + 1;
            }
        }
    }

    void insertVersion(Connection c, Node n, int seq, String comment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ae_version (node_id, label, seq, version_comment, name, node_type, aspects, props, "
                + "modified_at, modified_by, content_url, mime_type, content_size, encoding) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, n.id);
            ps.setString(2, n.props.get(Dictionary.PROP_VERSION_LABEL).asText());
            ps.setInt(3, seq);
            ps.setString(4, comment);
            ps.setString(5, n.name);
            ps.setString(6, n.type);
            ps.setString(7, String.join(",", n.aspects));
            ps.setString(8, propsText(n.props));
            ps.setLong(9, n.modifiedAt);
            ps.setString(10, n.modifiedBy);
            bindContent(ps, 11, n.contentUrl, n.mimeType, n.size, n.encoding);
            ps.executeUpdate();
        }
    }

    boolean referencedByVersion(Connection c, String nodeId, String url) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ae_version WHERE node_id = ? AND content_url = ?")) {
            ps.setString(1, nodeId);
            ps.setString(2, url);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static final class VersionRow {
        String label;
        int seq;
        String comment;
        String name;
        String type;
        LinkedHashSet<String> aspects;
        ObjectNode props;
        long modifiedAt;
        String modifiedBy;
        String contentUrl;
        String mimeType;
        Long size;
        String encoding;
    }

    private static final String VCOLS = "label, seq, version_comment, name, node_type, aspects, props, modified_at, modified_by, content_url, mime_type, content_size, encoding";

    private VersionRow vrow(ResultSet rs) throws SQLException {
        VersionRow v = new VersionRow();
        v.label = rs.getString(1);
        v.seq = rs.getInt(2);
        v.comment = rs.getString(3);
        v.name = rs.getString(4);
        v.type = rs.getString(5);
        v.aspects = splitAspects(rs.getString(6));
        v.props = parseProps(rs.getString(7));
        v.modifiedAt = rs.getLong(8);
        v.modifiedBy = rs.getString(9);
        v.contentUrl = rs.getString(10);
        v.mimeType = rs.getString(11);
        long s = rs.getLong(12);
        v.size = rs.wasNull() ? null : s;
        v.encoding = rs.getString(13);
        return v;
    }

    List<VersionRow> versionRows(Connection c, String nodeId) throws SQLException {
        List<VersionRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + VCOLS + " FROM ae_version WHERE node_id = ? ORDER BY seq DESC")) {
            ps.setString(1, nodeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(vrow(rs));
                }
            }
        }
        return out;
    }

    VersionRow versionRow(Connection c, String nodeId, String label) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + VCOLS + " FROM ae_version WHERE node_id = ? AND label = ?")) {
            ps.setString(1, nodeId);
            ps.setString(2, label);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound(label);
                }
                return vrow(rs);
            }
        }
    }

    ObjectNode versionBody(Render r, Node n, VersionRow v, Set<String> include) throws SQLException {
        ObjectNode o = json.createObjectNode();
        o.put("id", v.label);
        if (v.comment != null) {
            o.put("versionComment", v.comment);
        }
        o.put("name", v.name);
        o.put("nodeType", v.type);
        boolean file = dict.isSubClass(v.type, Dictionary.CM_CONTENT);
        o.put("isFolder", dict.isSubClass(v.type, Dictionary.CM_FOLDER));
        o.put("isFile", file);
        o.put("modifiedAt", Dates.format(v.modifiedAt));
        o.set("modifiedByUser", r.user(v.modifiedBy));
        if (file) {
            o.set("content", r.content(v.mimeType, v.size, v.encoding));
        }
        if (include.contains("aspectNames")) {
            ArrayNode a = o.putArray("aspectNames");
            v.aspects.stream().filter(x -> !Dictionary.isSystem(x)).forEach(a::add);
        }
        if (include.contains("properties")) {
            ObjectNode p = Dictionary.outputProperties(v.props);
            if (!p.isEmpty()) {
                o.set("properties", p);
            }
        }
        return o;
    }

    Page versions(Caller caller, String id, int skip, int max, Set<String> include) {
        return db.tx(c -> {
            Node n = readable(c, caller, id);
            List<VersionRow> all = versionRows(c, n.id);
            Render r = new Render(c, caller);
            List<ObjectNode> out = new ArrayList<>();
            for (int i = skip; i < all.size() && out.size() < max; i++) {
                out.add(versionBody(r, n, all.get(i), include));
            }
            return new Page(out, skip, max, skip + out.size() < all.size(), all.size());
        });
    }

    ObjectNode version(Caller caller, String id, String label, Set<String> include) {
        return db.tx(c -> {
            Node n = readable(c, caller, id);
            return versionBody(new Render(c, caller), n, versionRow(c, n.id, label), include);
        });
    }

    ContentRead versionContent(Caller caller, String id, String label) {
        return db.tx(c -> {
            Node n = live(c, id);
            require(c, caller, n, READ_CONTENT);
            VersionRow v = versionRow(c, n.id, label);
            return new ContentRead(v.contentUrl == null ? null : store.path(v.contentUrl), v.mimeType == null ? Mimetypes.OCTET : v.mimeType,
                    v.encoding, v.name, v.size == null ? 0 : v.size);
        });
    }

    /**
     * NodeVersionsRelation.delete: needs Delete on the live node; deleting the only version is an IntegrityException (422,
     * nothing deleted); deleting the head makes the previous version the node's cm:versionLabel (Version2ServiceImpl).
     * Refused on a frozen node. The version's content file is removed once nothing references it.
     */
    void deleteVersion(Caller caller, String id, String label) {
        List<String> orphans = db.tx(c -> {
            Node n = live(c, id);
            VersionRow v = versionRow(c, n.id, label);
            if (!has(c, caller, n, DELETE_NODE)) {
                throw ApiException.forbidden("Cannot delete version");
            }
            refuseIfFrozen(n, "updated");
            List<VersionRow> all = versionRows(c, n.id);
            if (all.size() == 1) {
                throw ApiException.integrity("Cannot delete last version (did you mean to disable versioning instead ?) [" + id + "," + label + "]");
            }
            exec(c, "DELETE FROM ae_version WHERE node_id = ? AND label = ?", n.id, label);
            if (all.get(0).label.equals(label)) {
                VersionRow prev = all.get(1);
                n.props.put(Dictionary.PROP_VERSION_LABEL, prev.label);
                updateRow(c, n);
            }
            List<String> out = new ArrayList<>();
            if (v.contentUrl != null && !v.contentUrl.equals(n.contentUrl) && !referencedByVersion(c, n.id, v.contentUrl)) {
                out.add(v.contentUrl);
            }
            return out;
        });
        store.deleteAll(orphans);
    }

    // ------------------------------------------------------------------ holds

    record Hold(String id, String name, String description, String reason) { }

    ObjectNode holdBody(Hold h) {
        ObjectNode o = json.createObjectNode();
        o.put("id", h.id());
        o.put("name", h.name());
        if (h.description() != null) {
            o.put("description", h.description());
        }
        if (h.reason() != null) {
            o.put("reason", h.reason());
        }
        return o;
    }

    Hold findHold(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, description, reason FROM ae_hold WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound(id);
                }
                return new Hold(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }
        }
    }

    static void requireHoldManager(Caller caller) {
        // Only administrators manage holds here (AGS: the RM capabilities; see README)
        if (!caller.admin()) {
            throw ApiException.forbidden("Access Denied.  You do not have the appropriate permissions to perform this operation.");
        }
    }

    ObjectNode createHold(Caller caller, String name, String description, String reason) {
        requireHoldManager(caller);
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name is mandatory");
        }
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("reason is mandatory");
        }
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ae_hold WHERE name_key = ?")) {
                ps.setString(1, nameKey(name));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw ApiException.conflict("Duplicate child name not allowed: " + name);
                    }
                }
            }
            String id = NodeIds.next();
            exec(c, "INSERT INTO ae_hold (id, name, name_key, description, reason, created_at, created_by) VALUES (?,?,?,?,?,?,?)",
                    id, name, nameKey(name), description, reason, System.currentTimeMillis(), caller.user());
            return holdBody(new Hold(id, name, description, reason));
        });
    }

    Page holds(Caller caller, int skip, int max) {
        return db.tx(c -> {
            List<Hold> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, description, reason FROM ae_hold ORDER BY name_key")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Hold(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            if (!caller.admin()) {
                all.clear(); // holds are visible to hold managers only here
            }
            List<ObjectNode> out = new ArrayList<>();
            for (int i = skip; i < all.size() && out.size() < max; i++) {
                out.add(holdBody(all.get(i)));
            }
            return new Page(out, skip, max, skip + out.size() < all.size(), all.size());
        });
    }

    ObjectNode hold(Caller caller, String id) {
        return db.tx(c -> {
            Hold h = findHold(c, id);
            requireHoldManager(caller);
            return holdBody(h);
        });
    }

    /** HoldServiceImpl.addToHold: only cm:content (else IntegrityException, answered 400 by HoldsChildrenRelation.create). */
    List<String> addToHold(Caller caller, String holdId, List<String> ids) {
        return db.tx(c -> {
            findHold(c, holdId);
            requireHoldManager(caller);
            List<String> out = new ArrayList<>();
            for (String id : ids) {
                Node n = live(c, id);
                if (!dict.isSubClass(n.type, Dictionary.CM_CONTENT)) {
                    throw ApiException.badRequest("rm.hold.add-to-hold-invalid-type");
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ae_hold_member WHERE hold_id = ? AND node_id = ?")) {
                    ps.setString(1, holdId);
                    ps.setString(2, n.id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            exec(c, "INSERT INTO ae_hold_member (hold_id, node_id, added_at) VALUES (?,?,?)", holdId, n.id, System.currentTimeMillis());
                        }
                    }
                }
                if (!n.frozen()) {
                    // HoldServiceImpl.addFrozenAspect: rma:frozenAt (now), rma:frozenBy (the authenticated user)
                    n.aspects.add(Dictionary.ASPECT_FROZEN);
                    n.props.put(Dictionary.PROP_FROZEN_AT, Dates.format(System.currentTimeMillis()));
                    n.props.put(Dictionary.PROP_FROZEN_BY, caller.user());
                    exec(c, "UPDATE ae_node SET aspects = ?, props = ? WHERE id = ?", String.join(",", n.aspects), propsText(n.props), n.id);
                }
                out.add(n.id);
            }
            return out;
        });
    }

    Page holdChildren(Caller caller, String holdId, int skip, int max) {
        return db.tx(c -> {
            findHold(c, holdId);
            requireHoldManager(caller);
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT node_id FROM ae_hold_member WHERE hold_id = ? ORDER BY added_at, node_id")) {
                ps.setString(1, holdId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            List<ObjectNode> out = new ArrayList<>();
            for (int i = skip; i < ids.size() && out.size() < max; i++) {
                ObjectNode o = json.createObjectNode();
                o.put("id", ids.get(i));
                out.add(o);
            }
            return new Page(out, skip, max, skip + out.size() < ids.size(), ids.size());
        });
    }

    void removeFromHold(Caller caller, String holdId, String nodeId) {
        db.tx(c -> {
            findHold(c, holdId);
            requireHoldManager(caller);
            Node n = load(c, nodeId);
            if (n == null) {
                throw ApiException.notFound(nodeId);
            }
            exec(c, "DELETE FROM ae_hold_member WHERE hold_id = ? AND node_id = ?", holdId, nodeId);
            unfreezeIfReleased(c, n);
            return null;
        });
    }

    /** A node stays frozen while any hold contains it (HoldServiceImpl.removeFreezeAspect checks the remaining holds). */
    private void unfreezeIfReleased(Connection c, Node n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ae_hold_member WHERE node_id = ?")) {
            ps.setString(1, n.id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        if (n.frozen()) {
            n.aspects.remove(Dictionary.ASPECT_FROZEN);
            n.props.remove(Dictionary.PROP_FROZEN_AT);
            n.props.remove(Dictionary.PROP_FROZEN_BY);
            exec(c, "UPDATE ae_node SET aspects = ?, props = ? WHERE id = ?", String.join(",", n.aspects), propsText(n.props), n.id);
        }
    }

    void deleteHold(Caller caller, String holdId) {
        db.tx(c -> {
            findHold(c, holdId);
            requireHoldManager(caller);
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT node_id FROM ae_hold_member WHERE hold_id = ?")) {
                ps.setString(1, holdId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            exec(c, "DELETE FROM ae_hold_member WHERE hold_id = ?", holdId);
            exec(c, "DELETE FROM ae_hold WHERE id = ?", holdId);
            for (String id : ids) {
                Node n = load(c, id);
                if (n != null) {
                    unfreezeIfReleased(c, n);
                }
            }
            return null;
        });
    }

    static <T> List<T> list(Collection<T> c) {
        return new ArrayList<>(c);
    }
}
