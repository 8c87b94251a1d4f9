package com.medcase.alfresco.embedded;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test client: real HTTP on loopback with java.net.http; bodies built from the Alfresco SDK models and responses parsed
 * STRICTLY into them (FAIL_ON_UNKNOWN_PROPERTIES) and checked to re-serialise to the same JSON tree.
 */
final class Client {
    /** ACS's REST date format; any client of real ACS must configure it for OffsetDateTime. */
    static final DateTimeFormatter ACS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    static final ObjectMapper MAPPER = mapper();

    static ObjectMapper mapper() {
        SimpleModule acsDates = new SimpleModule("acs-dates");
        acsDates.addDeserializer(OffsetDateTime.class, new JsonDeserializer<>() {
            @Override
            public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return OffsetDateTime.parse(p.getText(), ACS_DATE);
            }
        });
        acsDates.addSerializer(OffsetDateTime.class, new JsonSerializer<>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(ACS_DATE.format(value));
            }
        });
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(acsDates)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
                // absent fields stay absent; a null map value (a property to remove) is still sent
                .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));
    }

    record Res(int status, String body, java.net.http.HttpHeaders headers, byte[] bytes) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Strict parse into an SDK model and round trip: the model re-serialises to the same JSON tree. */
        <T> T as(Class<T> type) {
            try {
                T value = MAPPER.readValue(body, type);
                JsonNode original = MAPPER.readTree(body);
                JsonNode again = withoutSdkDefaults(MAPPER.readTree(MAPPER.writeValueAsString(value)), original);
                assertThat(again).as("round trip of %s", type.getSimpleName()).isEqualTo(original);
                return value;
            } catch (IOException e) {
                throw new UncheckedIOException("Response does not parse strictly into " + type.getName() + ": " + body, e);
            }
        }
    }

    /**
     * Fields the SDK models initialise with a default value (Node.isLocked = false) appear on re-serialisation although
     * ACS (NodesImpl: isLocked only with include=isLocked) does not send them; only these exact additions are tolerated.
     */
    static final java.util.Map<String, JsonNode> SDK_DEFAULTS = java.util.Map.of(
            "isLocked", com.fasterxml.jackson.databind.node.BooleanNode.FALSE,      // Node: NodesImpl only with include=isLocked
            "hasSubgroups", com.fasterxml.jackson.databind.node.BooleanNode.FALSE); // Group: GroupsImpl only with include=hasSubgroups

    static JsonNode withoutSdkDefaults(JsonNode again, JsonNode original) {
        if (again.isObject() && original.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) again).deepCopy();
            java.util.List<String> names = new java.util.ArrayList<>();
            copy.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (!original.has(n) && SDK_DEFAULTS.containsKey(n) && SDK_DEFAULTS.get(n).equals(copy.get(n))) {
                    copy.remove(n);
                } else if (original.has(n)) {
                    copy.set(n, withoutSdkDefaults(copy.get(n), original.get(n)));
                }
            }
            return copy;
        }
        if (again.isArray() && original.isArray() && again.size() == original.size()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < again.size(); i++) {
                copy.add(withoutSdkDefaults(again.get(i), original.get(i)));
            }
            return copy;
        }
        return again;
    }

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final URI base;
    String user;
    String password;
    String ticket;

    Client(URI base, String user, String password) {
        this.base = base;
        this.user = user;
        this.password = password;
    }

    Client as(String u, String p) {
        return new Client(base, u, p);
    }

    Client withTicket(String t) {
        Client c = new Client(base, null, null);
        c.ticket = t;
        return c;
    }

    static String core(String path) {
        return "/api/-default-/public/alfresco/versions/1/" + path;
    }

    static String gs(String path) {
        return "/api/-default-/public/gs/versions/1/" + path;
    }

    static String auth(String path) {
        return "/api/-default-/public/authentication/versions/1/" + path;
    }

    HttpRequest.Builder req(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } else if (ticket != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(ticket.getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    Res send(HttpRequest r) {
        try {
            HttpResponse<byte[]> res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
            return new Res(res.statusCode(), new String(res.body(), StandardCharsets.UTF_8), res.headers(), res.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Res get(String path) {
        return send(req(path).GET().build());
    }

    Res delete(String path) {
        return send(req(path).DELETE().build());
    }

    Res post(String path, Object body) {
        return send(req(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    Res put(String path, Object body) {
        return send(req(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    Res putBytes(String path, byte[] body, String contentType) {
        return send(req(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Res multipart(String path, String boundary, byte[] body) {
        return send(req(path).header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    static String write(Object body) {
        try {
            return body instanceof String s ? s : MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
