package com.medcase.alfresco.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medcase.alfresco.embedded.Authorities.Caller;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The REST front: routes ACS's public API paths, authenticates, maps errors to ACS's error body. */
final class Api implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    static final String PREFIX = "/alfresco/api/-default-/public/";
    static final String CORE = PREFIX + "alfresco/versions/1/";
    static final String GS = PREFIX + "gs/versions/1/";
    static final String AUTH = PREFIX + "authentication/versions/1/";
    static final long MAX_MULTIPART = 512L * 1024 * 1024;

    private final Repository repo;
    private final Authorities auth;
    private final ObjectMapper json;

    Api(Repository repo, Authorities auth, ObjectMapper json) {
        this.repo = repo;
        this.auth = auth;
        this.json = json;
    }

    /** A request in flight. */
    final class Req {
        final HttpExchange ex;
        final String method;
        final List<String> seg;
        final Map<String, String> q;
        Caller caller;

        Req(HttpExchange ex, List<String> seg, Map<String, String> q) {
            this.ex = ex;
            this.method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            this.seg = seg;
            this.q = q;
        }

        String p(int i) {
            return i < seg.size() ? seg.get(i) : null;
        }

        Set<String> include() {
            Set<String> s = new LinkedHashSet<>();
            String v = q.get("include");
            if (v != null) {
                for (String x : v.split(",")) {
                    if (!x.isBlank()) {
                        s.add(x.trim());
                    }
                }
            }
            return s;
        }

        int skip() {
            return intParam("skipCount", 0, 0);
        }

        int max() {
            return intParam("maxItems", 100, 1);
        }

        private int intParam(String name, int def, int min) {
            String v = q.get(name);
            if (v == null || v.isEmpty()) {
                return def;
            }
            try {
                int i = Integer.parseInt(v);
                if (i < min) {
                    throw ApiException.badRequest("Invalid paging parameter " + name + ": " + v);
                }
                return i;
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Invalid paging parameter " + name + ": " + v);
            }
        }

        Boolean bool(String name) {
            String v = q.get(name);
            return v == null ? null : Boolean.valueOf(v);
        }

        JsonNode body() throws IOException {
            byte[] b = ex.getRequestBody().readAllBytes();
            if (b.length == 0) {
                throw ApiException.badRequest("Could not read content from HTTP request body");
            }
            try {
                return json.readTree(b);
            } catch (IOException e) {
                throw ApiException.badRequest("Could not read content from HTTP request body: invalid JSON");
            }
        }
    }

    @Override
    public void handle(HttpExchange ex) {
        long start = System.nanoTime();
        int status = 500;
        String route = "?";
        try {
            String raw = ex.getRequestURI().getRawPath();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            String base;
            if (raw.startsWith(CORE)) {
                base = CORE;
                route = "core";
            } else if (raw.startsWith(GS)) {
                base = GS;
                route = "gs";
            } else if (raw.startsWith(AUTH)) {
                base = AUTH;
                route = "auth";
            } else {
                throw ApiException.notFoundMsg("Unknown API path");
            }
            List<String> seg = new ArrayList<>();
            for (String s : raw.substring(base.length()).split("/")) {
                if (!s.isEmpty()) {
                    seg.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
                }
            }
            Req r = new Req(ex, seg, q);
            route = route + ":" + r.method + " " + (seg.isEmpty() ? "" : seg.get(0));
            if (base.equals(AUTH)) {
                status = tickets(r);
            } else {
                r.caller = authenticate(ex, q);
                status = base.equals(CORE) ? core(r) : gs(r);
            }
        } catch (ApiException e) {
            status = e.status;
            error(ex, e.status, e.errorKey, e.getMessage());
        } catch (Exception e) {
            status = 500;
            // no message and no cause: driver messages can quote values (names, properties), which may be PHI
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            LOG.error("Request failed on {}: {} (root {}{}) at {}", route, e.getClass().getName(), root.getClass().getName(),
                    root instanceof java.sql.SQLException sql ? ", SQLState " + sql.getSQLState() : "",
                    e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
            error(ex, 500, "framework.exception.ApiDefault", "An unexpected error occurred");
        } finally {
            ex.close();
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} -> {} in {} µs", route, status, (System.nanoTime() - start) / 1000);
            }
        }
    }

    // ------------------------------------------------------------------ authentication

    Caller authenticate(HttpExchange ex, Map<String, String> q) {
        String ticket = q.get("alf_ticket");
        String user = null;
        if (ticket != null && !ticket.isEmpty()) {
            user = auth.ticketUser(ticket);
        } else {
            String[] basic = Authorities.decodeBasic(ex.getRequestHeaders().getFirst("Authorization"));
            if (basic != null) {
                String t = ticketOf(basic);
                if (t != null) {
                    ticket = t;
                    user = auth.ticketUser(t);
                } else if (basic.length == 2) {
                    char[] pw = basic[1].toCharArray();
                    try {
                        Caller caller = auth.authenticate(basic[0], pw);
                        if (caller != null) {
                            return caller;
                        }
                    } finally {
                        Arrays.fill(pw, '\0');
                    }
                }
            }
        }
        if (user == null) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Alfresco Server\"");
            throw ApiException.unauthorized("Authentication failed");
        }
        return auth.caller(user, ticket);
    }

    /** org.alfresco.repo.web.auth.Authorization: "TICKET_x", "ROLE_TICKET:TICKET_x" or ":TICKET_x" are tickets. */
    static String ticketOf(String[] basic) {
        if (basic.length == 1) {
            return basic[0].isEmpty() ? null : basic[0];
        }
        if (basic[0].isEmpty() || basic[0].equals("ROLE_TICKET")) {
            return basic[1];
        }
        return null;
    }

    int tickets(Req r) throws IOException {
        if (!"tickets".equals(r.p(0))) {
            throw ApiException.notFoundMsg("Unknown API path");
        }
        if (r.seg.size() == 1 && r.method.equals("POST")) {
            JsonNode b = r.body();
            String userId = Repository.text(b, "userId");
            String password = Repository.text(b, "password");
            if (userId == null || password == null) {
                throw ApiException.badRequest("Invalid login details.");
            }
            char[] pw = password.toCharArray();
            String user;
            try {
                user = auth.checkPassword(userId, pw);
            } finally {
                Arrays.fill(pw, '\0');
            }
            if (user == null) {
                throw ApiException.forbidden("Login failed");
            }
            ObjectNode e = json.createObjectNode();
            e.put("id", auth.newTicket(user));
            e.put("userId", userId);
            return entry(r, 201, e);
        }
        if (r.seg.size() == 2) {
            if (!"-me-".equals(r.p(1))) {
                throw ApiException.badRequest("Invalid parameter: " + r.p(1));
            }
            Caller caller = authenticate(r.ex, r.q);
            if (caller.ticket() == null) {
                throw ApiException.badRequest("Ticket base authentication required.");
            }
            if (r.method.equals("GET")) {
                ObjectNode e = json.createObjectNode();
                e.put("id", caller.ticket());
                return entry(r, 200, e);
            }
            if (r.method.equals("DELETE")) {
                auth.invalidate(caller.ticket());
                return noContent(r);
            }
        }
        throw ApiException.notAllowed("Unsupported operation");
    }

    // ------------------------------------------------------------------ core API

    int core(Req r) throws IOException {
        String root = r.p(0);
        if (root == null) {
            throw ApiException.notFoundMsg("Unknown API path");
        }
        return switch (root) {
            case "nodes" -> nodes(r);
            case "deleted-nodes" -> deletedNodes(r);
            case "people" -> people(r);
            case "groups" -> groups(r);
            default -> throw ApiException.notFoundMsg("Unknown API path: " + root);
        };
    }

    int nodes(Req r) throws IOException {
        String id = r.p(1);
        if (id == null) {
            throw ApiException.notAllowed("Unsupported operation");
        }
        String rel = r.p(2);
        Set<String> include = r.include();
        if (rel == null) {
            switch (r.method) {
                case "GET":
                    return entry(r, 200, repo.getNode(r.caller, id, r.q.get("relativePath"), include));
                case "PUT":
                    return entry(r, 200, repo.updateNode(r.caller, id, r.body(), include));
                case "DELETE":
                    repo.deleteNode(r.caller, id, Boolean.parseBoolean(r.q.get("permanent")));
                    return noContent(r);
                default:
                    throw ApiException.notAllowed("Unsupported operation");
            }
        }
        switch (rel) {
            case "children":
                if (r.seg.size() == 3 && r.method.equals("GET")) {
                    Repository.Page p = repo.children(r.caller, id, r.q.get("relativePath"), r.skip(), r.max(), r.q.get("where"), r.q.get("orderBy"), include);
                    return list(r, p);
                }
                if (r.seg.size() == 3 && r.method.equals("POST")) {
                    return createChildren(r, id, include);
                }
                break;
            case "content":
                if (r.seg.size() == 3 && r.method.equals("GET")) {
                    return content(r, repo.readContent(r.caller, id));
                }
                if (r.seg.size() == 3 && r.method.equals("PUT")) {
                    ObjectNode n = repo.writeContent(r.caller, id, r.ex.getRequestBody(), r.ex.getRequestHeaders().getFirst("Content-Type"),
                            r.bool("majorVersion"), r.q.get("comment"), r.q.get("name"), include);
                    return entry(r, 200, n);
                }
                break;
            case "move":
                if (r.seg.size() == 3 && r.method.equals("POST")) {
                    JsonNode b = r.body();
                    return entry(r, 200, repo.move(r.caller, id, Repository.text(b, "targetParentId"), Repository.text(b, "name"), include));
                }
                break;
            case "versions":
                String v = r.p(3);
                if (v == null && r.method.equals("GET")) {
                    return list(r, repo.versions(r.caller, id, r.skip(), r.max(), include));
                }
                if (v != null && r.seg.size() == 4 && r.method.equals("GET")) {
                    return entry(r, 200, repo.version(r.caller, id, v, include));
                }
                if (v != null && r.seg.size() == 4 && r.method.equals("DELETE")) {
                    repo.deleteVersion(r.caller, id, v);
                    return noContent(r);
                }
                if (v != null && r.seg.size() == 5 && "content".equals(r.p(4)) && r.method.equals("GET")) {
                    return content(r, repo.versionContent(r.caller, id, v));
                }
                break;
            default:
                throw ApiException.notFoundMsg("Unknown API path: " + rel);
        }
        throw ApiException.notAllowed("Unsupported operation");
    }

    int createChildren(Req r, String parentId, Set<String> include) throws IOException {
        String ct = r.ex.getRequestHeaders().getFirst("Content-Type");
        if (ct != null && ct.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return upload(r, parentId, ct, include);
        }
        JsonNode body = r.body();
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
        } else {
            items.add(body);
        }
        List<ObjectNode> created = new ArrayList<>();
        for (JsonNode b : items) {
            for (String unsupported : List.of("targets", "secondaryChildren", "association", "definition")) {
                if (b.hasNonNull(unsupported)) {
                    throw ApiException.badRequest("'" + unsupported + "' is not supported by the embedded repository");
                }
            }
            Repository.CreateSpec s = new Repository.CreateSpec();
            s.name = Repository.text(b, "name");
            s.nodeType = Repository.text(b, "nodeType");
            if (b.has("aspectNames") && !b.get("aspectNames").isNull()) {
                s.aspectNames = new ArrayList<>();
                for (JsonNode a : b.get("aspectNames")) {
                    s.aspectNames.add(a.asText());
                }
            }
            s.properties = b.get("properties");
            s.permissions = b.get("permissions");
            s.relativePath = Repository.text(b, "relativePath");
            s.autoRename = Boolean.parseBoolean(r.q.get("autoRename"));
            Boolean major = r.bool("majorVersion");
            String ve = r.q.get("versioningEnabled");
            if (ve != null) {
                major = Boolean.parseBoolean(ve) ? (major != null ? major : Boolean.TRUE) : null;
            }
            s.versionMajor = major;
            s.versionComment = r.q.get("comment");
            created.add(repo.createChild(r.caller, parentId, s, include));
        }
        if (!body.isArray()) {
            return entry(r, 201, created.get(0));
        }
        return list(r, 201, new Repository.Page(created, 0, created.size(), false, created.size()));
    }

    /** NodesImpl.upload: filedata, name, nodeType, aspectNames, autoRename, majorVersion, versioningEnabled, comment, relativePath; other fields are properties. */
    int upload(Req r, String parentId, String contentType, Set<String> include) throws IOException {
        String boundary = null;
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                boundary = p.substring(9).replace("\"", "");
            }
        }
        if (boundary == null) {
            throw ApiException.badRequest("The request content-type is not multipart: " + parentId);
        }
        byte[] body = r.ex.getRequestBody().readNBytes((int) Math.min(Integer.MAX_VALUE - 16, MAX_MULTIPART + 1));
        if (body.length > MAX_MULTIPART) {
            throw new ApiException(413, "framework.exception.RequestEntityTooLarge", "Request entity too large");
        }
        List<Multipart.Part> parts = Multipart.parse(body, boundary);
        Repository.CreateSpec s = new Repository.CreateSpec();
        s.upload = true;
        s.versionMajor = Boolean.TRUE; // REPO-159: versioning auto-enabled on new upload, major by default
        boolean versioningEnabled = true;
        Boolean major = null;
        ObjectNode props = json.createObjectNode();
        Multipart.Part file = null;
        for (Multipart.Part p : parts) {
            String v = p.filename() == null ? new String(p.data(), StandardCharsets.UTF_8) : null;
            switch (p.name().toLowerCase(Locale.ROOT)) {
                case "filedata" -> file = p;
                case "name" -> s.name = v;
                case "nodetype" -> s.nodeType = v;
                case "aspectnames" -> {
                    s.aspectNames = new ArrayList<>();
                    for (String a : v.split(",")) {
                        if (!a.isBlank()) {
                            s.aspectNames.add(a.trim());
                        }
                    }
                }
                case "autorename" -> s.autoRename = Boolean.parseBoolean(v);
                case "majorversion" -> major = Boolean.parseBoolean(v);
                case "versioningenabled" -> versioningEnabled = !v.trim().equalsIgnoreCase("false");
                case "comment" -> s.versionComment = v;
                case "relativepath" -> s.relativePath = v;
                case "overwrite" -> {
                    if (Boolean.parseBoolean(v)) {
                        throw ApiException.badRequest("overwrite is not supported by the embedded repository");
                    }
                }
                case "renditions", "updatenodetype" -> { }
                default -> {
                    if (v != null && p.name().contains(":")) {
                        props.put(p.name(), v);
                    }
                }
            }
        }
        if (file == null) {
            throw ApiException.badRequest("Required parameters are missing");
        }
        if (s.name == null || s.name.isEmpty()) {
            s.name = file.filename();
        }
        s.versionMajor = versioningEnabled ? (major == null ? Boolean.TRUE : major) : null;
        s.properties = props;
        s.content = new ByteArrayInputStream(file.data());
        s.contentMime = Mimetypes.fromHeader(file.contentType());
        s.contentEncoding = Mimetypes.charset(file.contentType());
        s.autoRename = s.autoRename || Boolean.parseBoolean(r.q.get("autoRename"));
        return entry(r, 201, repo.createChild(r.caller, parentId, s, include));
    }

    int content(Req r, Repository.ContentRead c) throws IOException {
        String attachment = r.q.get("attachment");
        boolean attach = attachment == null || Boolean.parseBoolean(attachment);
        var h = r.ex.getResponseHeaders();
        String ct = c.mimeType() + (c.encoding() != null && c.mimeType().startsWith("text/") ? ";charset=" + c.encoding() : "");
        h.set("Content-Type", ct);
        if (attach) {
            h.set("Content-Disposition", contentDisposition(c.name()));
        }
        if (c.file() == null || !Files.exists(c.file())) {
            r.ex.sendResponseHeaders(200, -1);
            return 200;
        }
        // Opened once (and, when encrypted, its key found and header read) before the status is sent, so a missing key
        // is a clean 500 rather than a 200 with a broken body; the plaintext size comes with it.
        try (ContentStore.Opened opened = repo.openContent(c.file())) {
            if (opened.size() == 0) {
                r.ex.sendResponseHeaders(200, -1);
                return 200;
            }
            r.ex.sendResponseHeaders(200, opened.size());
            try (OutputStream out = r.ex.getResponseBody()) {
                opened.stream().transferTo(out);
            }
        }
        return 200;
    }

    /** RFC 6266: an ASCII fallback filename and filename* (RFC 5987, UTF-8) for the real name. */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char ch : name.toCharArray()) {
            ascii.append(ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' ? ch : '_');
        }
        String enc = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + enc;
    }

    int deletedNodes(Req r) throws IOException {
        String id = r.p(1);
        Set<String> include = r.include();
        if (id == null && r.method.equals("GET")) {
            return list(r, repo.deletedNodes(r.caller, r.skip(), r.max(), include));
        }
        if (id != null && r.seg.size() == 2) {
            if (r.method.equals("GET")) {
                return entry(r, 200, repo.deletedNode(r.caller, id, include));
            }
            if (r.method.equals("DELETE")) {
                repo.purgeDeleted(r.caller, id);
                return noContent(r);
            }
        }
        if (id != null && r.seg.size() == 3 && "restore".equals(r.p(2)) && r.method.equals("POST")) {
            return entry(r, 200, repo.restore(r.caller, id, include));
        }
        throw ApiException.notAllowed("Unsupported operation");
    }

    // ------------------------------------------------------------------ people and groups

    private static void requireAdmin(Caller c) {
        if (!c.admin()) {
            // AuthorityService/PersonService method security: ACL_METHOD.ROLE_ADMINISTRATOR -> AccessDeniedException -> 403
            throw ApiException.forbidden("Access Denied.  You do not have the appropriate permissions to perform this operation.");
        }
    }

    int people(Req r) throws IOException {
        String id = r.p(1);
        if (id == null && r.method.equals("POST")) {
            requireAdmin(r.caller);
            JsonNode b = r.body();
            String pid = Repository.text(b, "id");
            String first = Repository.text(b, "firstName");
            String email = Repository.text(b, "email");
            String password = Repository.text(b, "password");
            if (pid == null || pid.isBlank()) {
                throw ApiException.badRequest("Field 'id' is null or empty.");
            }
            if (first == null || first.isBlank()) {
                throw ApiException.badRequest("Field 'firstName' is null or empty.");
            }
            if (email == null || email.isBlank()) {
                throw ApiException.badRequest("Field 'email' is null or empty.");
            }
            if (password == null || password.isEmpty()) {
                throw ApiException.badRequest("Field 'password' is null or empty.");
            }
            if (pid.startsWith("GROUP_") || pid.contains("/") || pid.contains("\\")) {
                throw ApiException.badRequest("Invalid username: " + pid);
            }
            boolean enabled = !b.has("enabled") || b.get("enabled").asBoolean(true);
            char[] pw = password.toCharArray();
            Authorities.Person p;
            try {
                p = auth.createPerson(pid, first, Repository.text(b, "lastName"), email, pw, enabled);
            } finally {
                Arrays.fill(pw, '\0');
            }
            return entry(r, 201, person(p));
        }
        if (id != null) {
            String pid = "-me-".equals(id) ? r.caller.user() : id;
            Authorities.Person p = auth.person(pid);
            if (p == null) {
                throw ApiException.notFound(id);
            }
            if (r.seg.size() == 2 && r.method.equals("GET")) {
                return entry(r, 200, person(p));
            }
            if (r.seg.size() == 3 && "groups".equals(r.p(2)) && r.method.equals("GET")) {
                // GroupsImpl.getGroupsByPersonId: non-admins only their own
                if (!r.caller.admin() && !r.caller.user().equalsIgnoreCase(p.id())) {
                    throw ApiException.forbidden("Permission was denied");
                }
                List<ObjectNode> all = new ArrayList<>();
                for (Authorities.Group g : auth.groupsOf(p.id())) {
                    all.add(group(g, r.include()));
                }
                return list(r, page(all, r.skip(), r.max()));
            }
        }
        throw ApiException.notAllowed("Unsupported operation");
    }

    ObjectNode person(Authorities.Person p) {
        ObjectNode o = json.createObjectNode();
        o.put("id", p.id());
        o.put("firstName", p.firstName());
        if (p.lastName() != null) {
            o.put("lastName", p.lastName());
        }
        o.put("displayName", p.displayName());
        o.put("email", p.email());
        o.put("enabled", p.enabled());
        o.put("emailNotificationsEnabled", true);
        return o;
    }

    ObjectNode group(Authorities.Group g, Set<String> include) {
        ObjectNode o = json.createObjectNode();
        o.put("id", g.id());
        o.put("displayName", g.displayName());
        o.put("isRoot", !g.id().equals(Authorities.EVERYONE) && !auth.hasParent(g.id()));
        if (include.contains("hasSubgroups")) {
            o.put("hasSubgroups", auth.members(g.id()).stream().anyMatch(m -> m.memberType().equals("GROUP")));
        }
        if (include.contains("description") && g.description() != null) {
            o.put("description", g.description());
        }
        return o;
    }

    int groups(Req r) throws IOException {
        String id = r.p(1);
        if (id == null && r.method.equals("POST")) {
            requireAdmin(r.caller);
            JsonNode b = r.body();
            String gid = Repository.text(b, "id");
            if (gid == null || gid.isEmpty()) {
                throw ApiException.badRequest("groupId is null or empty");
            }
            if (gid.startsWith("GROUP_GROUP_")) {
                // AuthorityDAOImpl.getName: "The authority name [...] is double-prefixed"
                throw ApiException.badRequest("The authority name [" + gid + "] is double-prefixed");
            }
            Authorities.Group g = auth.createGroup(Authorities.groupName(gid), Repository.text(b, "displayName"), Repository.text(b, "description"));
            if (b.has("parentIds") && b.get("parentIds").isArray()) {
                for (JsonNode parent : b.get("parentIds")) {
                    auth.addMember(parent.asText(), g.id(), "GROUP");
                }
            }
            return entry(r, 201, group(g, r.include()));
        }
        if (id == null) {
            throw ApiException.notAllowed("Unsupported operation");
        }
        if (r.seg.size() == 2) {
            if (r.method.equals("GET")) {
                Authorities.Group g = auth.group(id);
                if (g == null) {
                    throw ApiException.notFound(id);
                }
                return entry(r, 200, group(g, r.include()));
            }
            if (r.method.equals("DELETE")) {
                requireAdmin(r.caller);
                if (!id.startsWith("GROUP_")) {
                    throw ApiException.badRequest("Invalid group id: " + id);
                }
                if (Authorities.EVERYONE.equals(id)) {
                    throw ApiException.conflict("Trying to modify a fixed authority");
                }
                auth.deleteGroup(id);
                repo.removeAuthorityAces(id);
                return noContent(r);
            }
        }
        if ("members".equals(r.p(2))) {
            if (Authorities.EVERYONE.equals(id)) {
                if (r.method.equals("GET")) {
                    throw ApiException.notAllowed("Unsupported operation");
                }
                throw ApiException.conflict("Trying to modify a fixed authority");
            }
            if (r.seg.size() == 3 && r.method.equals("GET")) {
                if (auth.group(id) == null) {
                    throw ApiException.notFound(id);
                }
                List<ObjectNode> all = new ArrayList<>();
                for (Authorities.Member m : auth.members(id)) {
                    all.add(member(m));
                }
                return list(r, page(all, r.skip(), r.max()));
            }
            if (r.seg.size() == 3 && r.method.equals("POST")) {
                requireAdmin(r.caller);
                JsonNode b = r.body();
                String mid = Repository.text(b, "id");
                String type = Repository.text(b, "memberType");
                if (mid == null || mid.isEmpty()) {
                    throw ApiException.badRequest("group member Id is null or empty");
                }
                if (type == null || type.isEmpty()) {
                    throw ApiException.badRequest("group member type is null or empty");
                }
                if (!type.equals("GROUP") && !type.equals("PERSON")) {
                    throw ApiException.badRequest("MemberType is invalid (expected eg. GROUP, PERSON)");
                }
                return entry(r, 201, member(auth.addMember(id, mid, type)));
            }
            if (r.seg.size() == 4 && r.method.equals("DELETE")) {
                requireAdmin(r.caller);
                auth.removeMember(id, r.p(3));
                return noContent(r);
            }
        }
        throw ApiException.notAllowed("Unsupported operation");
    }

    ObjectNode member(Authorities.Member m) {
        ObjectNode o = json.createObjectNode();
        o.put("id", m.id());
        o.put("displayName", m.displayName());
        o.put("memberType", m.memberType());
        return o;
    }

    // ------------------------------------------------------------------ Governance Services holds

    int gs(Req r) throws IOException {
        String root = r.p(0);
        if ("file-plans".equals(root) && "holds".equals(r.p(2)) && r.seg.size() == 3) {
            if (!"-filePlan-".equals(r.p(1))) {
                throw ApiException.notFound(r.p(1));
            }
            if (r.method.equals("GET")) {
                return list(r, repo.holds(r.caller, r.skip(), r.max()));
            }
            if (r.method.equals("POST")) {
                JsonNode b = r.body();
                List<ObjectNode> created = new ArrayList<>();
                for (JsonNode h : b.isArray() ? iter(b) : List.of(b)) {
                    created.add(repo.createHold(r.caller, Repository.text(h, "name"), Repository.text(h, "description"), Repository.text(h, "reason")));
                }
                if (b.isArray()) {
                    return list(r, 201, new Repository.Page(created, 0, created.size(), false, created.size()));
                }
                return entry(r, 201, created.get(0));
            }
        }
        if ("holds".equals(root) && r.p(1) != null) {
            String holdId = r.p(1);
            if (r.seg.size() == 2 && r.method.equals("GET")) {
                return entry(r, 200, repo.hold(r.caller, holdId));
            }
            if (r.seg.size() == 2 && r.method.equals("DELETE")) {
                repo.deleteHold(r.caller, holdId);
                return noContent(r);
            }
            if (r.seg.size() == 3 && "delete".equals(r.p(2)) && r.method.equals("POST")) {
                JsonNode b = r.body();
                repo.deleteHold(r.caller, holdId);
                ObjectNode e = json.createObjectNode();
                if (Repository.text(b, "reason") != null) {
                    e.put("reason", Repository.text(b, "reason"));
                }
                return entry(r, 200, e);
            }
            if ("children".equals(r.p(2))) {
                if (r.seg.size() == 3 && r.method.equals("GET")) {
                    return list(r, repo.holdChildren(r.caller, holdId, r.skip(), r.max()));
                }
                if (r.seg.size() == 3 && r.method.equals("POST")) {
                    JsonNode b = r.body();
                    List<String> ids = new ArrayList<>();
                    for (JsonNode c : b.isArray() ? iter(b) : List.of(b)) {
                        String cid = Repository.text(c, "id");
                        if (cid == null || cid.isEmpty()) {
                            throw ApiException.badRequest("id is mandatory");
                        }
                        ids.add(cid);
                    }
                    List<ObjectNode> out = new ArrayList<>();
                    for (String added : repo.addToHold(r.caller, holdId, ids)) {
                        ObjectNode o = json.createObjectNode();
                        o.put("id", added);
                        out.add(o);
                    }
                    if (b.isArray()) {
                        return list(r, 201, new Repository.Page(out, 0, out.size(), false, out.size()));
                    }
                    return entry(r, 201, out.get(0));
                }
                if (r.seg.size() == 4 && r.method.equals("DELETE")) {
                    repo.removeFromHold(r.caller, holdId, r.p(3));
                    return noContent(r);
                }
            }
        }
        throw ApiException.notFoundMsg("Unknown API path");
    }

    private static List<JsonNode> iter(JsonNode arr) {
        List<JsonNode> out = new ArrayList<>();
        arr.forEach(out::add);
        return out;
    }

    // ------------------------------------------------------------------ responses

    static Repository.Page page(List<ObjectNode> all, int skip, int max) {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = skip; i < all.size() && out.size() < max; i++) {
            out.add(all.get(i));
        }
        return new Repository.Page(out, skip, max, skip + out.size() < all.size(), all.size());
    }

    int entry(Req r, int status, ObjectNode entry) throws IOException {
        ObjectNode o = json.createObjectNode();
        o.set("entry", entry);
        send(r.ex, status, o);
        return status;
    }

    int list(Req r, Repository.Page p) throws IOException {
        return list(r, 200, p);
    }

    int list(Req r, int status, Repository.Page p) throws IOException {
        ObjectNode o = json.createObjectNode();
        ObjectNode l = o.putObject("list");
        ObjectNode pg = l.putObject("pagination");
        pg.put("count", p.entries().size());
        pg.put("hasMoreItems", p.hasMore());
        pg.put("totalItems", p.total());
        pg.put("skipCount", p.skip());
        pg.put("maxItems", p.max());
        ArrayNode entries = l.putArray("entries");
        for (ObjectNode e : p.entries()) {
            entries.addObject().set("entry", e);
        }
        send(r.ex, status, o);
        return status;
    }

    int noContent(Req r) throws IOException {
        r.ex.sendResponseHeaders(204, -1);
        return 204;
    }

    void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] b = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** ACS's error body (org.alfresco.rest.framework.core.exceptions.ErrorResponse). */
    void error(HttpExchange ex, int status, String key, String message) {
        try {
            ObjectNode o = json.createObjectNode();
            ObjectNode e = o.putObject("error");
            e.put("errorKey", key);
            e.put("statusCode", status);
            e.put("briefSummary", String.format("%08d", (System.nanoTime() / 1000) % 100_000_000) + " " + message);
            e.put("stackTrace", "For security reasons the stack trace is no longer displayed, but the property is kept for previous versions");
            e.put("descriptionURL", "https://api-explorer.alfresco.com");
            send(ex, status, o);
        } catch (IOException ignored) {
            // the client went away
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String kv : raw.split("&")) {
            int i = kv.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8);
            String v = i < 0 ? "" : URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(k, v);
        }
        return q;
    }

    static Map<String, String> ordered() {
        return new LinkedHashMap<>();
    }
}
