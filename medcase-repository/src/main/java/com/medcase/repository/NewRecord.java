package com.medcase.repository;

import java.util.Map;
import java.util.Objects;

/**
 * A record to file: document name, MIME type, content bytes, mc:medicalRecord properties, aspects with
 * their properties (aspect name to property map), and the ACL it must have from its first moment
 * ({@code null}: it inherits its case folder's, which admits the records team only).
 */
public record NewRecord(String name, String mimeType, byte[] content,
                        Map<String, Object> properties, Map<String, Map<String, Object>> aspects, AccessProjection access) {
    public NewRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(content, "content");
        properties = Map.copyOf(properties);
        aspects = Map.copyOf(aspects);
    }

    public NewRecord(String name, String mimeType, byte[] content, Map<String, Object> properties,
                     Map<String, Map<String, Object>> aspects) {
        this(name, mimeType, content, properties, aspects, null);
    }

    /** The same record, to be created with this ACL and these extra aspects. */
    public NewRecord governed(AccessProjection acl, Map<String, Map<String, Object>> extraAspects) {
        Map<String, Map<String, Object>> all = new java.util.HashMap<>(aspects);
        all.putAll(extraAspects);
        return new NewRecord(name, mimeType, content, properties, all, acl);
    }
}
