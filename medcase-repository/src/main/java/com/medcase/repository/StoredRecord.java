package com.medcase.repository;

import java.util.Map;
import java.util.Set;

/** A record as stored: ids, name, the case it is filed in, properties and aspects present. */
public record StoredRecord(String id, String name, String caseFolderId, String mimeType, long contentLength,
                           String versionLabel, Map<String, Object> properties, Set<String> aspects) {
    public StoredRecord {
        properties = Map.copyOf(properties);
        aspects = Set.copyOf(aspects);
    }
}
