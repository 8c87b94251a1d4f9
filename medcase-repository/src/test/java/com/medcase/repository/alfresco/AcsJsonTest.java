package com.medcase.repository.alfresco;

import org.alfresco.core.model.NodeBodyUpdate;
import org.alfresco.core.model.NodeEntry;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AcsJsonTest {

    @Test
    void absentFieldsAreLeftOutButANullPropertyIsSentToRemoveIt() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put("mc:batesNumber", null);
        String json = AcsJson.mapper(false).writeValueAsString(new NodeBodyUpdate().properties(properties));
        // NodesImpl.updateNodeImpl: a property given as null is removed; a field not given is not touched.
        assertThat(json).isEqualTo("{\"properties\":{\"mc:batesNumber\":null}}");
    }

    @Test
    void readsAcsDatesWithAnOffsetWithoutColonAndWritesThemTheSameWay() throws Exception {
        // ACS's REST framework writes dates as yyyy-MM-dd'T'HH:mm:ss.SSSZ, e.g. +0000 (no colon).
        NodeEntry entry = AcsJson.mapper(true).readValue("{\"entry\":{\"id\":\"n1\",\"createdAt\":\"2024-01-31T10:15:30.000+0000\"}}",
                NodeEntry.class);
        assertThat(entry.getEntry().getCreatedAt().withOffsetSameInstant(ZoneOffset.UTC).getHour()).isEqualTo(10);
        assertThat(AcsJson.mapper(false).writeValueAsString(entry)).contains("\"createdAt\":\"2024-01-31T10:15:30.000+0000\"");
        assertThat(AcsJson.parseDateTime("2024-01-31T10:15:30.000+02:00").toInstant().toString()).isEqualTo("2024-01-31T08:15:30Z");
    }
}
