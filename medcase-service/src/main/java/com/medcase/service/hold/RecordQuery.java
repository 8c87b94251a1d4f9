package com.medcase.service.hold;

import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.StoredRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A saved query a hold can be scoped by, decidable for one record at filing time without the search
 * server: {@code field:value} clauses joined by AND (whitespace), values compared ignoring case. Fields:
 * {@code category}, {@code provider}, {@code jurisdiction}, {@code caseType}, {@code claimant}, {@code case}
 * (case number). Example: {@code category:imaging provider:"Northside Radiology"}.
 */
record RecordQuery(String text, Map<String, String> clauses) {

    static final List<String> FIELDS = List.of("category", "provider", "jurisdiction", "caseType", "claimant", "case");

    static RecordQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A hold query needs at least one field:value clause, fields " + FIELDS);
        }
        Map<String, String> clauses = new LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+):(\"[^\"]*\"|\\S+)").matcher(text.trim());
        int end = 0;
        while (m.find()) {
            if (!text.trim().substring(end, m.start()).isBlank()) {
                throw new IllegalArgumentException("Cannot read '" + text.trim().substring(end, m.start()).trim() + "' in hold query '" + text
                        + "'; write field:value clauses, fields " + FIELDS);
            }
            String field = m.group(1);
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("Unknown field '" + field + "' in hold query; use " + FIELDS);
            }
            String value = m.group(2).startsWith("\"") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
            clauses.put(field, value.toLowerCase(Locale.ROOT));
            end = m.end();
        }
        if (clauses.isEmpty() || !text.trim().substring(end).isBlank()) {
            throw new IllegalArgumentException("Cannot read hold query '" + text + "'; write field:value clauses, fields " + FIELDS);
        }
        return new RecordQuery(text.trim(), Map.copyOf(clauses));
    }

    boolean matches(StoredRecord record, CaseFolder caseFolder) {
        for (Map.Entry<String, String> c : clauses.entrySet()) {
            Object actual = switch (c.getKey()) {
                case "category" -> record.properties().get(MedCaseModel.PROP_RECORD_CATEGORY);
                case "provider" -> record.properties().get(MedCaseModel.PROP_SOURCE_PROVIDER_NAME);
                case "jurisdiction" -> caseFolder.properties().get(MedCaseModel.PROP_JURISDICTION);
                case "caseType" -> caseFolder.properties().get(MedCaseModel.PROP_CASE_TYPE);
                case "claimant" -> caseFolder.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID);
                case "case" -> caseFolder.caseNumber();
                default -> null;
            };
            if (actual == null || !actual.toString().toLowerCase(Locale.ROOT).equals(c.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The hold item that stands for this query. */
    String item() {
        return "query:" + text;
    }
}
