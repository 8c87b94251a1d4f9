package com.medcase.repository.alfresco;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * JSON as ACS writes it. ACS's REST framework formats dates as {@code 2024-01-31T10:15:30.000+0000}
 * (offset without a colon), which Jackson's ISO parser refuses, so the SDK models' OffsetDateTime
 * fields get a parser that takes ACS's form and ISO 8601 alike. Unknown properties are tolerated in
 * production (ACS adds fields between releases); the contract tests read strictly.
 */
public final class AcsJson {

    /** ACS's own output format (yyyy-MM-dd'T'HH:mm:ss.SSSZ). */
    public static final DateTimeFormatter ACS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private AcsJson() {
    }

    public static ObjectMapper mapper(boolean strict) {
        SimpleModule acsDates = new SimpleModule("acs-dates");
        acsDates.addDeserializer(OffsetDateTime.class, new JsonDeserializer<>() {
            @Override
            public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return parseDateTime(p.getValueAsString());
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
                // Absent fields are left out, but a null inside the properties map is sent: it is how a property is removed.
                .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict);
    }

    public static OffsetDateTime parseDateTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var parsed = READ.parseBest(text, OffsetDateTime::from, java.time.LocalDateTime::from);
        return parsed instanceof OffsetDateTime odt ? odt : ((java.time.LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
    }

    public static String format(Instant instant) {
        return ACS_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }
}
