package com.medcase.repository.alfresco;

import com.medcase.model.ModelDefinitions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Model-typed Java values (LocalDate for d:date, Instant for d:datetime, Integer/Long) to and from
 * the JSON values ACS's REST API carries. Dates are written in ACS's own format; a d:date travels as
 * UTC midnight and is read back as the UTC calendar day, whatever offset the server prints.
 */
final class PropertyCodec {

    private final Map<String, ModelDefinitions.PropertyDef> definitions;

    PropertyCodec(ModelDefinitions model) {
        this.definitions = model.allProperties();
    }

    Map<String, Object> toJson(Map<String, ?> values) {
        Map<String, Object> out = new HashMap<>();
        values.forEach((k, v) -> out.put(k, toJsonValue(v)));
        return out;
    }

    Object toJsonValue(Object v) {
        if (v instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>();
            c.forEach(e -> list.add(toJsonValue(e)));
            return list;
        }
        if (v instanceof LocalDate d) {
            return AcsJson.format(d.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (v instanceof Instant i) {
            return AcsJson.format(i);
        }
        return v;
    }

    /** The model's (mc:) properties of a node, typed; other namespaces are left out. */
    Map<String, Object> fromJson(Object properties, String prefix) {
        Map<String, Object> out = new HashMap<>();
        if (properties instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String name = (String) k;
                if (name.startsWith(prefix + ":") && v != null && !(v instanceof Collection<?> c && c.isEmpty())) {
                    out.put(name, fromJsonValue(name, v));
                }
            });
        }
        return out;
    }

    Object fromJsonValue(String property, Object v) {
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(fromJsonValue(property, e)));
            return out;
        }
        ModelDefinitions.PropertyDef def = definitions.get(property);
        String type = def == null ? null : def.dataType();
        if (type == null) {
            return v;
        }
        return switch (type) {
            case "d:date" -> v instanceof String s ? AcsJson.parseDateTime(s).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate() : v;
            case "d:datetime" -> v instanceof String s ? AcsJson.parseDateTime(s).toInstant() : v;
            case "d:int" -> v instanceof Number n ? (Object) n.intValue() : v;
            case "d:long" -> v instanceof Number n ? (Object) n.longValue() : v;
            default -> v;
        };
    }
}
