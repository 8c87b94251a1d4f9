package com.medcase.repository.journal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.medcase.model.ModelDefinitions;
import com.medcase.store.StoreSupport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Model properties to JSON and back, restoring LocalDate/Instant/Integer from the model's data types. */
final class TypedJson {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private final Map<String, String> dataTypes = new HashMap<>();

    TypedJson(ModelDefinitions model) {
        model.allProperties().forEach((n, p) -> dataTypes.put(n, p.dataType()));
    }

    String write(Map<String, ?> properties) {
        return StoreSupport.toJson(properties);
    }

    Map<String, Object> read(String json) {
        Map<String, Object> raw = StoreSupport.fromJson(json, MAP);
        Map<String, Object> typed = new HashMap<>();
        raw.forEach((k, v) -> typed.put(k, typed(k, v)));
        return typed;
    }

    private Object typed(String property, Object v) {
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(typed(property, e)));
            return out;
        }
        if (v == null) {
            return null;
        }
        return switch (dataTypes.getOrDefault(property, "d:text")) {
            case "d:date" -> LocalDate.parse(v.toString().substring(0, 10));
            case "d:datetime" -> Instant.parse(v.toString());
            case "d:int" -> ((Number) v).intValue();
            case "d:long" -> ((Number) v).longValue();
            default -> v;
        };
    }
}
