package com.medcase.importing.filedrop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code manifest.json} or {@code manifest.csv}. JSON: {@code {"provider":{"name","npi"},
 * "documents":[{"file","claimNumber","claimant":{"familyName","givenName","dateOfBirth"},"category",
 * "serviceFrom","serviceTo","sha256","sensitivity":[...]}]}}. CSV header: {@code file,claim_number,
 * family_name,given_name,date_of_birth,category,service_from,service_to,sha256,sensitivity,
 * provider_name,provider_npi} (sensitivity labels separated by ';'). Problems are collected, not thrown,
 * so the quarantine report lists them all.
 */
final class ManifestParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> CSV_COLUMNS = List.of("file", "claim_number", "family_name", "given_name", "date_of_birth", "category",
            "service_from", "service_to", "sha256", "sensitivity", "provider_name", "provider_npi");

    record Parsed(List<ManifestEntry> entries, List<String> problems) { }

    static Parsed parse(Path batch) {
        Path json = batch.resolve("manifest.json");
        Path csv = batch.resolve("manifest.csv");
        for (Path manifest : List.of(json, csv)) {
            if (Files.isSymbolicLink(manifest)) {
                return new Parsed(List.of(), List.of(manifest.getFileName() + " is a symbolic link; drop the manifest file itself"));
            }
        }
        try {
            if (Files.exists(json, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return parseJson(new String(FileDropProcessor.readNoFollow(json), StandardCharsets.UTF_8));
            }
            if (Files.exists(csv, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return parseCsv(new String(FileDropProcessor.readNoFollow(csv), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return new Parsed(List.of(), List.of("manifest cannot be read: " + e.getMessage()));
        }
        return new Parsed(List.of(), List.of("no manifest.json or manifest.csv in the drop"));
    }

    static Parsed parseJson(String text) {
        List<String> problems = new ArrayList<>();
        List<ManifestEntry> entries = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Parsed(List.of(), List.of("manifest.json is not valid JSON: " + e.getOriginalMessage()));
        }
        String providerName = text(root.path("provider"), "name");
        String providerNpi = text(root.path("provider"), "npi");
        JsonNode docs = root.path("documents");
        if (!docs.isArray() || docs.isEmpty()) {
            return new Parsed(List.of(), List.of("manifest.json has no \"documents\" array"));
        }
        int i = 0;
        for (JsonNode d : docs) {
            i++;
            JsonNode c = d.path("claimant");
            Set<String> labels = new HashSet<>();
            d.path("sensitivity").forEach(l -> labels.add(l.asText()));
            entries.add(new ManifestEntry(i, text(d, "file"), text(d, "claimNumber"), text(c, "familyName"), text(c, "givenName"),
                    date(text(c, "dateOfBirth"), "documents[" + (i - 1) + "].claimant.dateOfBirth", problems), text(d, "category"),
                    date(text(d, "serviceFrom"), "documents[" + (i - 1) + "].serviceFrom", problems),
                    date(text(d, "serviceTo"), "documents[" + (i - 1) + "].serviceTo", problems), text(d, "sha256"), labels,
                    SpreadsheetCells.neutralise(providerName), providerNpi));
        }
        return new Parsed(entries, problems);
    }

    /**
     * RFC 4180 CSV read with Apache Commons CSV: quoted cells (with commas, quotes and line breaks inside),
     * a UTF-8 byte order mark, CRLF or LF line ends.
     */
    static Parsed parseCsv(String text) {
        List<String> problems = new ArrayList<>();
        List<ManifestEntry> entries = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(body, CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())) {
            records = parser.getRecords();
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            return new Parsed(List.of(), List.of("manifest.csv is not valid CSV: " + e.getMessage()));
        }
        if (records.isEmpty()) {
            return new Parsed(List.of(), List.of("manifest.csv is empty"));
        }
        List<String> header = records.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        if (!header.containsAll(List.of("file", "category"))) {
            return new Parsed(List.of(), List.of("manifest.csv header must name at least file and category; expected columns " + CSV_COLUMNS));
        }
        for (int n = 1; n < records.size(); n++) {
            CSVRecord record = records.get(n);
            String where = "manifest.csv record " + (n + 1) + " (line " + record.getParser().getCurrentLineNumber() + ")";
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            if (record.size() != header.size()) {
                problems.add(where + " has " + record.size() + " cells, the header has " + header.size());
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String cell = record.get(i).trim();
                row.put(header.get(i), cell.isEmpty() ? null : cell);
            }
            Set<String> labels = new HashSet<>();
            if (row.get("sensitivity") != null) {
                Arrays.stream(row.get("sensitivity").split(";")).map(String::trim).filter(l -> !l.isEmpty()).forEach(labels::add);
            }
            entries.add(new ManifestEntry(n + 1, row.get("file"), row.get("claim_number"), row.get("family_name"), row.get("given_name"),
                    date(row.get("date_of_birth"), where + " date_of_birth", problems), row.get("category"),
                    date(row.get("service_from"), where + " service_from", problems), date(row.get("service_to"), where + " service_to", problems),
                    row.get("sha256"), labels, SpreadsheetCells.neutralise(row.get("provider_name")), row.get("provider_npi")));
        }
        if (entries.isEmpty() && problems.isEmpty()) {
            problems.add("manifest.csv lists no documents");
        }
        return new Parsed(entries, problems);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }

    private static LocalDate date(String value, String where, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(where + " is '" + value + "', not a date (YYYY-MM-DD)");
            return null;
        }
    }
}
