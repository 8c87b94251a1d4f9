package com.medcase.service.console;

import com.medcase.consent.AccessDecision;
import com.medcase.consent.Action;
import com.medcase.consent.Purpose;
import com.medcase.hold.LegalHold;
import com.medcase.hold.LegalHolds;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
import com.medcase.service.cases.CaseFiling;
import com.medcase.service.records.RecordAccess;
import com.medcase.service.search.RecordSearch;
import com.medcase.service.search.SearchIndex;
import com.medcase.service.security.Caller;
import com.medcase.service.security.MedCaseRole;
import com.medcase.store.consent.JdbcAuthorizationStore;
import com.medcase.store.retention.JdbcDispositionQueue;
import org.springframework.core.io.InputStreamResource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Cases and records for the records team: the case list (filters, sorting, paging), opening a case, the case
 * page (claimant, records, holds, authorizations, disposition), filing a record by upload, and the record page
 * (labelled metadata, badges, who may see it and why, preview, audited download, version). Same services and
 * role rules as the REST API ({@code /api/cases}, {@code /api/records}): case folders are for the records team,
 * filing for managers and clerks, every content read decided by consent and audited by {@link RecordAccess}.
 */
@Controller
class ConsoleCasesController {

    /** Content types the browser may show inline (in a sandboxed frame); everything else is downloaded. */
    private static final Set<String> PREVIEWABLE = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp");

    private final RecordRepository repository;
    private final CaseFiling filing;
    private final RecordAccess access;
    private final RecordSearch search;
    private final LegalHolds holds;
    private final JdbcAuthorizationStore authorizations;
    private final JdbcDispositionQueue disposition;
    private final RecordAudience audience;

    ConsoleCasesController(RecordRepository repository, CaseFiling filing, RecordAccess access, RecordSearch search,
                           LegalHolds holds, JdbcAuthorizationStore authorizations, JdbcDispositionQueue disposition,
                           RecordAudience audience) {
        this.repository = repository;
        this.filing = filing;
        this.access = access;
        this.search = search;
        this.holds = holds;
        this.authorizations = authorizations;
        this.disposition = disposition;
        this.audience = audience;
    }

    /** One row of the case list. */
    record CaseRow(String caseNumber, String claimantId, String type, String status, LocalDate opened, String jurisdiction) {
    }

    // ---- case list ------------------------------------------------------------------------

    @GetMapping("/console/cases")
    String cases(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
                 @RequestParam(required = false) String claimant,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate openedFrom,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate openedTo,
                 @RequestParam(defaultValue = "caseNumber") String sort, @RequestParam(defaultValue = "asc") String dir,
                 @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                 Model model, Authentication authentication) {
        requireRecordsTeam(authentication);
        String claimantFilter = blankToNull(claimant);
        List<CaseRow> rows = filing.listCases(authentication.getName(), "console").stream().map(ConsoleCasesController::row)
                .filter(r -> blankToNull(status) == null || status.equals(r.status()))
                .filter(r -> blankToNull(type) == null || type.equals(r.type()))
                .filter(r -> claimantFilter == null || (r.claimantId() != null
                        && r.claimantId().toLowerCase(Locale.ROOT).contains(claimantFilter.toLowerCase(Locale.ROOT))))
                .filter(r -> openedFrom == null || (r.opened() != null && !r.opened().isBefore(openedFrom)))
                .filter(r -> openedTo == null || (r.opened() != null && !r.opened().isAfter(openedTo)))
                .sorted(order(sort, dir))
                .toList();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("status", status);
        parameters.put("type", type);
        parameters.put("claimant", claimant);
        parameters.put("openedFrom", openedFrom == null ? null : openedFrom.toString());
        parameters.put("openedTo", openedTo == null ? null : openedTo.toString());
        parameters.put("sort", sort);
        parameters.put("dir", dir);
        parameters.put("size", Integer.toString(size));
        model.addAttribute("page", PageView.of(rows, page, size, "/console/cases", parameters));
        model.addAttribute("filters", parameters);
        model.addAttribute("sort", sort);
        model.addAttribute("dir", dir);
        model.addAttribute("statuses", MedCaseModel.CASE_STATUSES);
        model.addAttribute("types", MedCaseModel.CASE_TYPES);
        model.addAttribute("canFile", canFile(authentication));
        model.addAttribute("caller", Caller.of(authentication));
        return "console/cases";
    }

    @PostMapping("/console/cases")
    String openCase(@RequestParam String caseNumber, @RequestParam String claimantId, @RequestParam String caseType,
                    @RequestParam(required = false) String jurisdiction,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate openedDate,
                    Authentication authentication, RedirectAttributes redirect) {
        requireFiler(authentication);
        try {
            CaseFolder created = filing.openCase(new CaseFiling.CaseRequest(caseNumber.strip(), claimantId.strip(), caseType,
                    blankToNull(jurisdiction), openedDate), authentication.getName());
            redirect.addFlashAttribute("messageKey", "case.opened");
            return "redirect:/console/cases/" + org.springframework.web.util.UriUtils.encodePathSegment(created.caseNumber(),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | com.medcase.repository.RepositoryException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("form", Map.of("caseNumber", caseNumber, "claimantId", claimantId, "caseType", caseType,
                    "jurisdiction", jurisdiction == null ? "" : jurisdiction));
            return "redirect:/console/cases#open-case";
        }
    }

    // ---- case page ------------------------------------------------------------------------

    /**
     * Share's "open case in the console" action ({@code share-config-custom.xml}): Share puts the case number into the
     * link as it is, so it comes as a query parameter, where a '/' of the case number needs no encoding.
     */
    @GetMapping("/console/open-case")
    String openFromShare(@RequestParam String number) {
        return "redirect:/console/cases/" + org.springframework.web.util.UriUtils.encodePathSegment(number.strip(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An ACS node reference of the SpacesStore, as Share's {@code {node.nodeRef}} gives it. */
    private static final java.util.regex.Pattern SPACES_STORE_NODE_REF =
            java.util.regex.Pattern.compile("workspace://SpacesStore/([0-9A-Za-z-]{1,64})");

    /**
     * Share's "open record in the console" document action ({@code share-config-custom.xml}): Share puts the document's
     * {@code {node.nodeRef}} into the link; the record page then checks access and audits the read as any other.
     * Anything but a SpacesStore node reference is refused, so the link cannot be turned into another redirect.
     */
    @GetMapping("/console/open-record")
    String openRecordFromShare(@RequestParam String node) {
        java.util.regex.Matcher ref = SPACES_STORE_NODE_REF.matcher(node.strip());
        if (!ref.matches()) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "node must be a document's node reference, workspace://SpacesStore/<id>");
        }
        return "redirect:/console/records/" + ref.group(1);
    }

    @GetMapping("/console/cases/{caseNumber}")
    String caseDetail(@PathVariable String caseNumber, @RequestParam(defaultValue = "serviceDate") String sort,
                      @RequestParam(defaultValue = "0") int page, Model model, Authentication authentication) {
        requireRecordsTeam(authentication);
        Caller caller = Caller.of(authentication);
        CaseFolder folder = filing.find(caseNumber);
        int size = PageView.DEFAULT_SIZE;
        // The records come from the index (consent-filtered like any search, paged by Solr), so a case of
        // 100,000 records opens as fast as one of ten.
        SearchIndex.Result result = search.search(caller, new SearchIndex.Query(null, null, null, null, null, null,
                folder.caseNumber(), sort, Math.max(0, page) * size, size, false));
        Map<String, LegalHold> holdsById = holds.all().stream().collect(Collectors.toMap(LegalHold::id, Function.identity()));
        List<Map<String, Object>> records = result.hits().stream().map(hit -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("hit", hit);
            row.put("holds", holds.holdsOf(hit.id()).stream().map(holdsById::get).filter(java.util.Objects::nonNull).toList());
            row.put("disposition", disposition.find(hit.id()).orElse(null));
            return row;
        }).toList();
        String claimant = (String) folder.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("sort", sort);
        String path = "/console/cases/" + folder.caseNumber();
        model.addAttribute("page", new PageView<>(records, Math.max(0, page), size, result.total(), path, parameters));
        model.addAttribute("caller", caller);
        model.addAttribute("folder", folder);
        model.addAttribute("caseRow", row(folder));
        model.addAttribute("claimant", claimant == null ? null : repository.findClaimant(claimant).orElse(Map.of()));
        model.addAttribute("claimantId", claimant);
        model.addAttribute("caseHolds", holds.holdsOf(folder.id()).stream().map(holdsById::get).filter(java.util.Objects::nonNull).toList());
        model.addAttribute("authorizations", claimant == null ? List.of() : ConsoleGovernanceController.rows(authorizations.forClaimant(claimant)));
        model.addAttribute("sort", sort);
        model.addAttribute("categories", MedCaseModel.RECORD_CATEGORIES);
        model.addAttribute("sensitivityLabels", MedCaseModel.SENSITIVITY_LABELS);
        model.addAttribute("canFile", canFile(authentication));
        return "console/case";
    }

    @PostMapping("/console/cases/{caseNumber}/records")
    String fileRecord(@PathVariable String caseNumber, @RequestParam("file") MultipartFile file, @RequestParam String category,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate serviceDateFrom,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate serviceDateTo,
                      @RequestParam(required = false) String providerName,
                      @RequestParam(required = false) List<String> sensitivityLabels,
                      Authentication authentication, RedirectAttributes redirect) throws IOException {
        requireFiler(authentication);
        String target = "redirect:/console/cases/" + org.springframework.web.util.UriUtils.encodePathSegment(caseNumber,
                java.nio.charset.StandardCharsets.UTF_8);
        if (file.isEmpty()) {
            redirect.addFlashAttribute("errorKey", "record.file.empty");
            return target + "#file-record";
        }
        try {
            String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "record" : file.getOriginalFilename();
            String mimeType = file.getContentType() == null || file.getContentType().isBlank() ? "application/octet-stream" : file.getContentType();
            StoredRecord stored = filing.file(caseNumber, new CaseFiling.RecordUpload(name, mimeType, file.getBytes(), category,
                    serviceDateFrom, serviceDateTo, blankToNull(providerName), sensitivityLabels), authentication.getName());
            redirect.addFlashAttribute("messageKey", "record.filed");
            return "redirect:/console/records/" + stored.id();
        } catch (IllegalArgumentException | com.medcase.repository.RepositoryException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return target + "#file-record";
        }
    }

    // ---- record page ----------------------------------------------------------------------

    @GetMapping("/console/records/{recordId}")
    String record(@PathVariable String recordId, Model model, Authentication authentication) {
        requireRecordsTeam(authentication);
        Caller caller = Caller.of(authentication);
        RecordAccess.Permitted permitted = access.require(caller, recordId, Action.READ_METADATA, Purpose.RECORDS_ADMINISTRATION);
        StoredRecord record = permitted.record();
        CaseFolder folder = repository.getCase(record.caseFolderId());
        Map<String, LegalHold> holdsById = holds.all().stream().collect(Collectors.toMap(LegalHold::id, Function.identity()));
        model.addAttribute("caller", caller);
        model.addAttribute("record", record);
        model.addAttribute("folder", folder);
        model.addAttribute("facts", permitted.facts());
        model.addAttribute("part2Notice", permitted.facts().isPart2() ? AccessDecision.PART2_REDISCLOSURE_NOTICE_TEXT : null);
        model.addAttribute("holds", holds.holdsOf(record.id()).stream().map(holdsById::get).filter(java.util.Objects::nonNull).toList());
        model.addAttribute("disposition", disposition.find(record.id()).orElse(null));
        model.addAttribute("certificates", disposition.certificatesOf(record.id()));
        model.addAttribute("audience", audience.of(permitted.facts()));
        model.addAttribute("previewKind", previewKind(record.mimeType()));
        // Already decided and audited as a metadata read above: the history comes straight from the repository.
        model.addAttribute("versions", repository.versions(record.id()));
        return "console/record";
    }

    /**
     * The record's bytes for the console: decided by consent and audited like the REST content read (purpose:
     * records administration). Inline only for PDF and images, shown in a sandboxed frame; never sniffed.
     */
    @GetMapping("/console/records/{recordId}/content")
    ResponseEntity<InputStreamResource> content(@PathVariable String recordId, @RequestParam(defaultValue = "false") boolean inline,
                                                Authentication authentication) {
        requireRecordsTeam(authentication);
        RecordAccess.Permitted permitted = access.require(Caller.of(authentication), recordId, Action.READ_CONTENT,
                Purpose.RECORDS_ADMINISTRATION);
        StoredRecord r = permitted.record();
        HttpHeaders headers = new HttpHeaders();
        boolean showInline = inline && previewKind(r.mimeType()) != null;
        headers.setContentType(showInline ? MediaType.parseMediaType(r.mimeType()) : MediaType.APPLICATION_OCTET_STREAM);
        headers.setContentDisposition((showInline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(r.name(), java.nio.charset.StandardCharsets.UTF_8).build());
        headers.add("X-Content-Type-Options", "nosniff");
        headers.setCacheControl("no-store");
        if (permitted.facts().isPart2()) {
            headers.add("X-MedCase-Redisclosure-Notice", AccessDecision.PART2_REDISCLOSURE_NOTICE_TEXT);
        }
        return new ResponseEntity<>(new InputStreamResource(repository.readContent(recordId)), headers, 200);
    }

    // ---- helpers --------------------------------------------------------------------------

    static String previewKind(String mimeType) {
        String type = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        if (!PREVIEWABLE.contains(type)) {
            return null;
        }
        return type.equals("application/pdf") ? "pdf" : "image";
    }

    static CaseRow row(CaseFolder c) {
        Map<String, Object> p = c.properties();
        return new CaseRow(c.caseNumber(), (String) p.get(MedCaseModel.PROP_CASE_CLAIMANT_ID), (String) p.get(MedCaseModel.PROP_CASE_TYPE),
                (String) p.get(MedCaseModel.PROP_CASE_STATUS), date(p.get(MedCaseModel.PROP_OPENED_DATE)),
                (String) p.get(MedCaseModel.PROP_JURISDICTION));
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        String text = value.toString();
        try {
            return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Comparator<CaseRow> order(String sort, String dir) {
        Comparator<CaseRow> by = switch (sort) {
            case "opened" -> Comparator.comparing(CaseRow::opened, Comparator.nullsLast(Comparator.naturalOrder()));
            case "status" -> Comparator.comparing(CaseRow::status, Comparator.nullsLast(Comparator.naturalOrder()));
            case "type" -> Comparator.comparing(CaseRow::type, Comparator.nullsLast(Comparator.naturalOrder()));
            case "claimant" -> Comparator.comparing(CaseRow::claimantId, Comparator.nullsLast(Comparator.naturalOrder()));
            default -> Comparator.comparing(CaseRow::caseNumber);
        };
        by = by.thenComparing(CaseRow::caseNumber);
        return "desc".equals(dir) ? by.reversed() : by;
    }

    static boolean isRecordsTeam(Caller caller) {
        return caller.has(MedCaseRole.RECORDS_MANAGER) || caller.has(MedCaseRole.RECORDS_CLERK)
                || caller.has(MedCaseRole.LEGAL_HOLD_ADMINISTRATOR);
    }

    private static void requireRecordsTeam(Authentication authentication) {
        if (!isRecordsTeam(Caller.of(authentication))) {
            throw new AccessDeniedException("Case folders are for the records team");
        }
    }

    private static boolean canFile(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return caller.has(MedCaseRole.RECORDS_MANAGER) || caller.has(MedCaseRole.RECORDS_CLERK);
    }

    /** Same rule as POST /api/cases/**: records managers and clerks. */
    private static void requireFiler(Authentication authentication) {
        if (!canFile(authentication)) {
            throw new AccessDeniedException("Opening cases and filing records is for records managers and clerks");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
