package com.medcase.repository;

import java.util.Map;
import java.util.Objects;

/**
 * A record to file: document name, MIME type, content bytes, mc:medicalRecord properties and
 * aspects with their properties (aspect name to property map).
 */
public record NewRecord(String name, String mimeType, byte[] content,
                        Map<String, Object> properties, Map<String, Map<String, Object>> aspects) {
    public NewRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(content, "content");
        properties = Map.copyOf(properties);
        aspects = Map.copyOf(aspects);
    }
}
