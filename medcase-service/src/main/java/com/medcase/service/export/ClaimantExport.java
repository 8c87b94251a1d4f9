package com.medcase.service.export;

import ca.uhn.fhir.context.FhirContext;
import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.consent.AccessDecision;
import com.medcase.consent.Action;
import com.medcase.consent.Purpose;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
import com.medcase.service.cases.CaseFiling;
import com.medcase.service.records.RecordAccess;
import com.medcase.service.security.Caller;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A claimant's records of a case in a portable form: a ZIP with {@code manifest.json}, the record
 * files under {@code records/}, {@code fhir-bundle.json} (FHIR R4 collection Bundle, one
 * DocumentReference per record) and, when any exported record is a 42 CFR Part 2 record,
 * {@code REDISCLOSURE-NOTICE-42CFR2.txt}. Each record passes the consent check first; a withheld record
 * is listed in the manifest with the rules that withheld it, never with its content.
 */
@Service
public class ClaimantExport {

    static final String NOTICE_FILE = "REDISCLOSURE-NOTICE-42CFR2.txt";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final CaseFiling filing;
    private final RecordRepository repository;
    private final RecordAccess access;
    private final AuditLedger ledger;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    private final com.medcase.store.consent.JdbcAuthorizationStore authorizations;
    private final com.medcase.consent.ConsentEngine engine;

    ClaimantExport(CaseFiling filing, RecordRepository repository, RecordAccess access, AuditLedger ledger, Clock clock,
                   com.medcase.store.consent.JdbcAuthorizationStore authorizations, com.medcase.consent.ConsentEngine engine) {
        this.authorizations = authorizations;
        this.engine = engine;
        this.filing = filing;
        this.repository = repository;
        this.access = access;
        this.ledger = ledger;
        this.clock = clock;
    }

    public void exportCase(String caseNumber, Caller caller, OutputStream target) throws IOException {
        CaseFolder folder = filing.find(caseNumber);
        String claimantId = (String) folder.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(Date.from(clock.instant()));
        List<Map<String, Object>> exported = new ArrayList<>();
        List<Map<String, Object>> withheld = new ArrayList<>();
        boolean part2 = false;
        try (ZipOutputStream zip = new ZipOutputStream(target)) {
            for (StoredRecord record : repository.listRecords(folder.id())) {
                RecordAccess.Permitted permitted;
                try {
                    permitted = access.require(caller, record.id(), Action.READ_CONTENT, Purpose.OTHER);
                } catch (RecordAccess.AccessDeniedByConsent denied) {
                    withheld.add(Map.of("recordId", record.id(), "reasons", denied.reasons()));
                    continue;
                }
                part2 |= permitted.facts().isPart2();
                String path = recordPath(record);
                byte[] content = copyRecord(zip, record, path);
                bundle.addEntry().setFullUrl("urn:medcase:record:" + record.id())
                        .setResource(documentReference(record, permitted, claimantId, path, content));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("recordId", record.id());
                entry.put("file", path);
                entry.put("mimeType", record.mimeType());
                entry.put("sha256", HexFormat.of().formatHex(digest("SHA-256", content)));
                entry.put("category", permitted.facts().category());
                entry.put("part2", permitted.facts().isPart2());
                exported.add(entry);
            }
            put(zip, "fhir-bundle.json", FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle)
                    .getBytes(StandardCharsets.UTF_8));
            if (part2) {
                put(zip, NOTICE_FILE, AccessDecision.PART2_REDISCLOSURE_NOTICE_TEXT.getBytes(StandardCharsets.UTF_8));
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", "medcase-claimant-export/1");
            manifest.put("caseNumber", caseNumber);
            manifest.put("claimantId", claimantId);
            manifest.put("exportedAt", clock.instant().toString());
            manifest.put("exportedBy", caller.id());
            manifest.put("records", exported);
            manifest.put("withheld", withheld);
            manifest.put("fhirBundle", "fhir-bundle.json");
            manifest.put("redisclosureNotice", part2 ? NOTICE_FILE : null);
            put(zip, "manifest.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        }
        ledger.append(new AuditEvent(caller.id(), null, "export.case", folder.id(), "DONE", null,
                Map.of("records", Integer.toString(exported.size()), "withheld", Integer.toString(withheld.size()))));
    }

    /**
     * A production of a case to one recipient for one purpose (ProductionScreen): the records it may
     * receive, a copy of every consent that permits a Part 2 disclosure (42 CFR 2.32 as amended), the Part 2
     * notice where due, and the withheld records with the rules that held them back, never their content.
     * Every disclosure is audited, for the recipient, by the records manager who produced it.
     */
    public void produceCase(String caseNumber, String recipient, com.medcase.consent.Purpose purpose, Caller caller, OutputStream target)
            throws IOException {
        CaseFolder folder = filing.find(caseNumber);
        String claimantId = (String) folder.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID);
        List<StoredRecord> records = repository.listRecords(folder.id());
        Map<String, StoredRecord> byId = new LinkedHashMap<>();
        List<com.medcase.consent.RecordFacts> facts = new ArrayList<>();
        for (StoredRecord r : records) {
            byId.put(r.id(), r);
            facts.add(access.factsOf(r));
        }
        com.medcase.consent.Principal party = recipient.startsWith("GROUP_")
                ? new com.medcase.consent.Principal(recipient + "#member", com.medcase.consent.Principal.Role.OUTSIDE_PARTY, java.util.Set.of(recipient))
                : com.medcase.consent.Principal.outsideParty(recipient);
        var screen = com.medcase.consent.ProductionScreen.screen(engine, party, purpose, clock.instant(),
                authorizations.consentsOf(claimantId), facts);
        List<Map<String, Object>> disclosed = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(target)) {
            for (var d : screen.disclosed()) {
                StoredRecord record = byId.get(d.recordId());
                String path = recordPath(record);
                byte[] content = copyRecord(zip, record, path);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("recordId", record.id());
                entry.put("file", path);
                entry.put("sha256", HexFormat.of().formatHex(digest("SHA-256", content)));
                entry.put("authorizations", d.authorizations());
                entry.put("obligations", d.obligations());
                disclosed.add(entry);
                ledger.append(new AuditEvent(caller.id(), null, "record.produce", record.id(), "PERMIT", String.join(",", d.authorizations()),
                        Map.of("recipient", recipient, "purpose", purpose.name())));
            }
            List<String> consentFiles = new ArrayList<>();
            for (String id : screen.consents()) {
                var consent = authorizations.find(id).filter(a -> a.claimantId().equals(claimantId));
                if (consent.isPresent()) {
                    String path = "consents/" + safeName(id) + ".json";
                    put(zip, path, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(consent.get()));
                    consentFiles.add(path);
                }
            }
            boolean notice = screen.obligations().contains(AccessDecision.Obligation.PART2_REDISCLOSURE_NOTICE);
            if (notice) {
                put(zip, NOTICE_FILE, AccessDecision.PART2_REDISCLOSURE_NOTICE_TEXT.getBytes(StandardCharsets.UTF_8));
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", "medcase-production/1");
            manifest.put("caseNumber", caseNumber);
            manifest.put("recipient", recipient);
            manifest.put("purpose", purpose.name());
            manifest.put("producedAt", clock.instant().toString());
            manifest.put("producedBy", caller.id());
            manifest.put("records", disclosed);
            manifest.put("withheld", screen.withheld());
            manifest.put("consentCopies", consentFiles);
            manifest.put("redisclosureNotice", notice ? NOTICE_FILE : null);
            put(zip, "manifest.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        }
        ledger.append(new AuditEvent(caller.id(), null, "export.production", folder.id(), "DONE", null,
                Map.of("recipient", recipient, "disclosed", Integer.toString(disclosed.size()),
                        "withheld", Integer.toString(screen.withheld().size()))));
    }

    private static String recordPath(StoredRecord record) {
        return "records/" + record.id() + "-" + safeName(record.name());
    }

    /** Puts the record's content into the archive at {@code path} and returns it (for its hash and the FHIR entry). */
    private byte[] copyRecord(ZipOutputStream zip, StoredRecord record, String path) throws IOException {
        byte[] content;
        try (InputStream in = repository.readContent(record.id())) {
            content = in.readAllBytes();
        }
        put(zip, path, content);
        return content;
    }

    private static DocumentReference documentReference(StoredRecord record, RecordAccess.Permitted permitted, String claimantId,
                                                       String path, byte[] content) {
        DocumentReference doc = new DocumentReference();
        doc.setId(record.id());
        doc.addIdentifier(new Identifier().setSystem("urn:medcase:record").setValue(record.id()));
        doc.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        doc.setType(new CodeableConcept(new Coding("urn:medcase:record-category", permitted.facts().category(), null)));
        doc.setSubject(new Reference().setIdentifier(new Identifier().setSystem("urn:medcase:claimant").setValue(claimantId)));
        LocalDate from = permitted.facts().serviceFrom();
        if (from != null) {
            LocalDate to = permitted.facts().serviceTo() != null ? permitted.facts().serviceTo() : from;
            doc.getContext().setPeriod(new Period().setStart(date(from)).setEnd(date(to)));
        }
        if (permitted.facts().isPart2()) {
            doc.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ActCode", "42CFRPart2", "42 CFR Part2");
        }
        doc.addContent().setAttachment(new Attachment().setContentType(record.mimeType()).setUrl(path)
                .setTitle(record.name()).setSize(content.length).setHash(digest("SHA-1", content)));
        return doc;
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] digest(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }
}
