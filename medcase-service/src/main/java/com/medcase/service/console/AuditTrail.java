package com.medcase.service.console;

import com.medcase.audit.AuditEntry;
import com.medcase.audit.AuditLedger;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.RepositoryException;
import com.medcase.repository.StoredRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The audit ledger for people: filtered (case, record, user, action, time), newest first, with readable names
 * for the ids it records (case numbers, record names), and exported as CSV. The ledger itself only appends and
 * reads by sequence ({@link AuditLedger}); filtering walks it backwards from the newest entry, a bounded number
 * of entries per request.
 */
@Component
class AuditTrail {

    /** Entries examined at most per request, so a broad filter over a huge ledger still answers. */
    static final int MAX_SCANNED = 200_000;
    private static final int CHUNK = 1_000;

    private final AuditLedger ledger;
    private final RecordRepository repository;

    AuditTrail(AuditLedger ledger, RecordRepository repository) {
        this.ledger = ledger;
        this.repository = repository;
    }

    /** Filters; null or blank means any. Dates are whole UTC days, inclusive. */
    record Filter(String caseNumber, String recordId, String user, String action, LocalDate from, LocalDate to) {
    }

    /** One entry as shown. */
    record Row(long sequence, Instant timestamp, String actor, String onBehalfOf, String action, String subjectId,
               String subjectName, String outcome, String reason) {
    }

    record Found(List<Row> rows, boolean more, long scanned) {
    }

    /** Entries matching, newest first, page by page. */
    Found search(Filter filter, int page, int size) {
        Set<String> subjects = subjectsOf(filter);
        List<AuditEntry> matches = new ArrayList<>();
        int wanted = (page + 1) * size + 1;
        long scanned = 0;
        long upTo = lastSequence();
        while (upTo >= 1 && matches.size() < wanted && scanned < MAX_SCANNED) {
            long from = Math.max(1, upTo - CHUNK + 1);
            List<AuditEntry> chunk = ledger.read(from, (int) (upTo - from + 1));
            for (int i = chunk.size() - 1; i >= 0; i--) {
                if (matches(chunk.get(i), filter, subjects)) {
                    matches.add(chunk.get(i));
                }
            }
            scanned += chunk.size();
            upTo = from - 1;
        }
        int start = Math.min(matches.size(), page * size);
        List<AuditEntry> shown = matches.subList(start, Math.min(matches.size(), start + size));
        return new Found(named(shown), matches.size() > start + size, scanned);
    }

    /** Entries about one subject (a hold's history), oldest first. */
    List<Row> about(String subjectId, int limit) {
        List<AuditEntry> found = new ArrayList<>();
        long next = 1;
        while (found.size() < limit) {
            List<AuditEntry> chunk = ledger.read(next, CHUNK);
            chunk.stream().filter(e -> e.event().subjectId().equals(subjectId)).forEach(found::add);
            if (chunk.size() < CHUNK) {
                break;
            }
            next = chunk.getLast().sequence() + 1;
        }
        return named(found.size() > limit ? found.subList(0, limit) : found);
    }

    /** Readable names for item ids (case folders by case number, records by name). */
    List<Row> describe(List<String> ids) {
        Map<String, String> cases = caseNames();
        // Scope markers of issue 9's holds: claimant:<id> and query:<text> are shown as what they are.
        return ids.stream().map(id -> id.startsWith("claimant:") ? new Row(0, null, null, null, "claimant", id, id.substring("claimant:".length()), null, null)
                : id.startsWith("query:") ? new Row(0, null, null, null, "query", id, id.substring("query:".length()), null, null)
                : new Row(0, null, null, null, cases.containsKey(id) ? "case" : "record", id, nameOf(id, cases), null, null)).toList();
    }

    /** CSV of the entries matching, newest first; a cell a spreadsheet would run as a formula is neutralised. */
    void writeCsv(Filter filter, Writer out) throws IOException {
        Found found = search(filter, 0, 100_000);
        // Not closed here: the writer belongs to the caller (the HTTP response), only flushed.
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader("sequence", "timestamp", "actor", "onBehalfOf", "action", "subjectId", "subject", "outcome", "reason").get());
        for (Row r : found.rows()) {
            csv.printRecord(r.sequence(), r.timestamp(), cell(r.actor()), cell(r.onBehalfOf()), cell(r.action()),
                    cell(r.subjectId()), cell(r.subjectName()), cell(r.outcome()), cell(r.reason()));
        }
        csv.flush();
    }

    /**
     * OWASP "CSV injection": a cell starting with = + - @ or a tab/carriage return is prefixed with a quote, so a
     * spreadsheet shows it as text instead of evaluating it.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }

    long lastSequence() {
        // The ledger reads by sequence only: find the last one by doubling, then halving.
        long low = 0;
        long high = 1;
        while (!ledger.read(high, 1).isEmpty()) {
            low = high;
            high *= 2;
        }
        while (high - low > 1) {
            long mid = (low + high) >>> 1;
            if (ledger.read(mid, 1).isEmpty()) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return low;
    }

    private boolean matches(AuditEntry entry, Filter f, Set<String> subjects) {
        var e = entry.event();
        if (subjects != null && !subjects.contains(e.subjectId())) {
            return false;
        }
        if (!blank(f.user()) && !(contains(e.actor(), f.user()) || contains(e.onBehalfOf(), f.user()))) {
            return false;
        }
        if (!blank(f.action()) && !e.action().startsWith(f.action().strip())) {
            return false;
        }
        LocalDate day = entry.timestamp().atZone(ZoneOffset.UTC).toLocalDate();
        return (f.from() == null || !day.isBefore(f.from())) && (f.to() == null || !day.isAfter(f.to()));
    }

    /** The ids a case or record filter selects: the case folder and its records, or the one record. */
    private Set<String> subjectsOf(Filter f) {
        if (blank(f.caseNumber()) && blank(f.recordId())) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        if (!blank(f.recordId())) {
            ids.add(f.recordId().strip());
        }
        if (!blank(f.caseNumber())) {
            CaseFolder folder = repository.findCaseByNumber(f.caseNumber().strip())
                    .orElseThrow(() -> new NoSuchElementException("No case with number " + f.caseNumber()));
            ids.add(folder.id());
            repository.listRecords(folder.id()).forEach(r -> ids.add(r.id()));
        }
        return ids;
    }

    private List<Row> named(List<AuditEntry> entries) {
        Map<String, String> cases = caseNames();
        Map<String, String> names = new HashMap<>();
        return entries.stream().map(entry -> {
            var e = entry.event();
            String name = names.computeIfAbsent(e.subjectId(), id -> nameOf(id, cases));
            return new Row(entry.sequence(), entry.timestamp(), e.actor(), e.onBehalfOf(), e.action(), e.subjectId(), name,
                    e.outcome(), e.reason());
        }).toList();
    }

    private Map<String, String> caseNames() {
        Map<String, String> names = new HashMap<>();
        for (CaseFolder c : repository.listCases()) {
            names.put(c.id(), c.caseNumber());
        }
        return names;
    }

    /** A case number, a record's name, or nothing when the id names neither (a hold, an authorization, a job). */
    private String nameOf(String id, Map<String, String> cases) {
        if (cases.containsKey(id)) {
            return cases.get(id);
        }
        if (id.startsWith("AUTH-") || id.startsWith("HOLD") || id.contains(":") || id.length() < 8) {
            return null;
        }
        try {
            StoredRecord r = repository.getRecord(id);
            return r.name();
        } catch (RepositoryException | NoSuchElementException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean contains(String value, String part) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(part.strip().toLowerCase(Locale.ROOT));
    }
}
