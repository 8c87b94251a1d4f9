package com.medcase.repository.cmis;

import com.medcase.model.ModelDefinitions;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between model-typed Java values (LocalDate for d:date, Instant for d:datetime, Integer/Long)
 * and what CMIS carries (GregorianCalendar, BigInteger). Dates travel as UTC midnight.
 */
final class PropertyConverter {

    private final Map<String, String> dataTypes = new HashMap<>();

    PropertyConverter(ModelDefinitions model) {
        model.allProperties().forEach((name, def) -> dataTypes.put(name, def.dataType()));
    }

    Map<String, Object> toCmis(Map<String, ?> values) {
        Map<String, Object> out = new HashMap<>();
        values.forEach((k, v) -> out.put(k, toCmisValue(v)));
        return out;
    }

    Object toCmisValue(Object v) {
        if (v instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>();
            c.forEach(e -> list.add(toCmisValue(e)));
            return list;
        }
        if (v instanceof LocalDate d) {
            return GregorianCalendar.from(d.atStartOfDay(ZoneOffset.UTC));
        }
        if (v instanceof Instant i) {
            return GregorianCalendar.from(ZonedDateTime.ofInstant(i, ZoneOffset.UTC));
        }
        if (v instanceof Integer i) {
            return BigInteger.valueOf(i);
        }
        if (v instanceof Long l) {
            return BigInteger.valueOf(l);
        }
        return v;
    }

    /** Back to model-typed values, for the properties the model defines; others pass through. */
    Object fromCmis(String property, Object v) {
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(fromCmis(property, e)));
            return out;
        }
        String type = dataTypes.get(property);
        if (v instanceof GregorianCalendar cal) {
            Instant instant = cal.toInstant();
            return "d:date".equals(type) ? LocalDate.ofInstant(instant, ZoneOffset.UTC) : instant;
        }
        if (v instanceof BigInteger b) {
            return "d:long".equals(type) ? (Object) b.longValue() : (Object) b.intValue();
        }
        return v;
    }
}
