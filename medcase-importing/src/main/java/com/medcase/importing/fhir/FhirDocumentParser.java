package com.medcase.importing.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.medcase.importing.pipeline.IncomingDocument;
import com.medcase.model.MedCaseModel;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FHIR R4 JSON to {@link IncomingDocument}s: a DocumentReference, or a Bundle (document, collection,
 * searchset, transaction) of DocumentReferences; a document Bundle without DocumentReferences yields its
 * Binaries (or, without those, the Bundle itself) described by its Composition. One document per
 * {@code content[]} entry. Everything is parsed and fetched before anything is imported, so a payload is
 * imported whole or not at all.
 */
public final class FhirDocumentParser {

    public static final String ROUTE = "fhir";
    public static final String CLAIM_NUMBER_SYSTEM = "urn:medcase:claim-number";
    public static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
    static final String LOINC = "http://loinc.org";
    static final Set<String> ACT_CODE_SYSTEMS = Set.of("http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "http://hl7.org/fhir/v3/ActCode", "urn:oid:2.16.840.1.113883.5.4");

    /** LOINC document type codes to mc:recordCategory; anything else is {@code other}. */
    static final Map<String, String> CATEGORY_BY_LOINC = Map.of(
            "11506-3", "clinicalNotes",
            "34117-2", "clinicalNotes",
            "18842-5", "dischargeSummary",
            "11504-8", "operativeReport",
            "18748-4", "radiologyReport",
            "11502-2", "laboratory",
            "11488-4", "correspondence");

    /** HL7 v3 ActCode sensitivity codes to mc:sensitivityLabels. */
    static final Map<String, String> SENSITIVITY_BY_ACT_CODE = Map.of(
            "PSY", "psychotherapy",
            "ETH", "substanceUse",
            "SUD", "substanceUse",
            "HIV", "hiv",
            "GDIS", "genetic",
            "MH", "mentalHealth",
            "SDV", "reproductive",
            "SEX", "reproductive");

    static {
        if (!MedCaseModel.RECORD_CATEGORIES.containsAll(CATEGORY_BY_LOINC.values())
                || !MedCaseModel.SENSITIVITY_LABELS.containsAll(SENSITIVITY_BY_ACT_CODE.values())) {
            throw new IllegalStateException("FHIR mapping names a category or label the MedCase model does not have");
        }
    }

    private final FhirContext fhir;
    private final AttachmentFetcher fetcher;

    public FhirDocumentParser(AttachmentFetcher fetcher) {
        this(FhirContext.forR4Cached(), fetcher);
    }

    public FhirDocumentParser(FhirContext fhir, AttachmentFetcher fetcher) {
        this.fhir = fhir;
        this.fetcher = fetcher;
    }

    public FhirContext fhirContext() {
        return fhir;
    }

    /**
     * @throws FhirImportException naming the resource and element at fault
     */
    public List<IncomingDocument> parse(byte[] json, Instant receivedAt) {
        IBaseResource resource = parseResource(json);
        if (resource instanceof DocumentReference dr) {
            return fromDocumentReference(dr, new Context(null, Map.of(), null), receivedAt);
        }
        if (resource instanceof DiagnosticReport report) {
            return fromDiagnosticReport(report, new Context(null, Map.of(), null), receivedAt, new LinkedHashSet<>());
        }
        if (resource instanceof Bundle bundle) {
            return fromBundle(bundle, receivedAt);
        }
        throw new FhirImportException(FhirImportException.Reason.INVALID, "expected a DocumentReference, a DiagnosticReport or a Bundle, got "
                + fhir.getResourceType(resource) + idSuffix(resource));
    }

    /** Parses FHIR R4 JSON of any resource type; MALFORMED when it is not JSON or not valid FHIR R4. */
    public IBaseResource parseResource(byte[] json) {
        if (json == null || json.length == 0) {
            throw new FhirImportException(FhirImportException.Reason.MALFORMED, "the request body is empty; expected FHIR R4 JSON");
        }
        IParser parser = fhir.newJsonParser();
        parser.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(true));
        try {
            return parser.parseResource(new String(json, StandardCharsets.UTF_8));
        } catch (DataFormatException | IllegalArgumentException | IllegalStateException e) {
            throw new FhirImportException(FhirImportException.Reason.MALFORMED, "not valid FHIR R4 JSON: " + e.getMessage(), e);
        }
    }

    // ---- Bundles ------------------------------------------------------------------------------

    private List<IncomingDocument> fromBundle(Bundle bundle, Instant receivedAt) {
        String name = "Bundle" + idSuffix(bundle);
        Bundle.BundleType type = bundle.getType();
        if (type != Bundle.BundleType.DOCUMENT && type != Bundle.BundleType.COLLECTION && type != Bundle.BundleType.SEARCHSET
                && type != Bundle.BundleType.TRANSACTION) {
            throw new FhirImportException(FhirImportException.Reason.INVALID, name + ": type '" + (type == null ? "(none)" : type.toCode())
                    + "' is not one of document, collection, searchset, transaction");
        }
        Map<String, Resource> byReference = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource r = entry.getResource();
            if (r == null) {
                continue;
            }
            if (entry.hasFullUrl()) {
                byReference.put(entry.getFullUrl(), r);
            }
            if (r.getIdElement().hasIdPart()) {
                byReference.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
            }
        }
        List<IncomingDocument> docs = new ArrayList<>();
        Set<Resource> usedBinaries = new LinkedHashSet<>();
        int index = 0;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof DocumentReference dr) {
                Context ctx = new Context(name + " entry[" + index + "] ", byReference, baseOf(entry.getFullUrl()));
                docs.addAll(fromDocumentReference(dr, ctx, receivedAt, usedBinaries));
            } else if (entry.getResource() instanceof DiagnosticReport report && isPrimary(entry) && type != Bundle.BundleType.DOCUMENT) {
                // in a FHIR document (International Patient Summary, say) a DiagnosticReport is a section entry of
                // the Composition, which describes the document; elsewhere it is a report of its own
                Context ctx = new Context(name + " entry[" + index + "] ", byReference, baseOf(entry.getFullUrl()));
                docs.addAll(fromDiagnosticReport(report, ctx, receivedAt, usedBinaries));
            }
            index++;
        }
        if (type == Bundle.BundleType.DOCUMENT && docs.isEmpty()) {
            docs.addAll(fromDocumentBundle(bundle, name, byReference, receivedAt));
        }
        if (docs.isEmpty() && bundle.getEntry().stream().noneMatch(e -> e.getResource() instanceof DocumentReference
                || (e.getResource() instanceof DiagnosticReport && type != Bundle.BundleType.DOCUMENT))) {
            throw new FhirImportException(FhirImportException.Reason.INVALID, name + " (" + type.toCode() + ") holds no DocumentReference or DiagnosticReport"
                    + (type == Bundle.BundleType.DOCUMENT ? " and no Composition" : ""));
        }
        return docs;
    }

    /** A FHIR document: the Composition describes it; its Binaries (or else the Bundle itself) are the content. */
    private List<IncomingDocument> fromDocumentBundle(Bundle bundle, String name, Map<String, Resource> byReference, Instant receivedAt) {
        if (bundle.getEntry().isEmpty() || !(bundle.getEntryFirstRep().getResource() instanceof Composition composition)) {
            throw new FhirImportException(FhirImportException.Reason.INVALID, name + ": a document Bundle must start with a Composition (entry[0])");
        }
        String what = name + " Composition" + idSuffix(composition);
        Context ctx = new Context(what + ": ", byReference, baseOf(bundle.getEntryFirstRep().getFullUrl()));
        Patient patient = ctx.resolve(composition.getSubject(), composition) instanceof Patient p ? p : null;
        Provider provider = provider(ctx, composition, composition.getCustodian(), composition.getAuthor());
        Period period = composition.getEvent().stream().map(Composition.CompositionEventComponent::getPeriod)
                .filter(Period::hasStart).findFirst().orElse(null);
        String claim = claimNumber(List.of(), composition.hasIdentifier() ? List.of(composition.getIdentifier()) : List.of());
        if (claim == null) {
            claim = claimNumber(List.of(), bundle.hasIdentifier() ? List.of(bundle.getIdentifier()) : List.of());
        }
        Set<String> labels = sensitivity(List.of(), composition.getMeta().getSecurity(), bundle.getMeta().getSecurity());
        String category = category(composition.getType());
        String baseId = versioned(bundle.hasId() ? bundle : composition);
        List<Binary> binaries = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Binary.class::isInstance).map(Binary.class::cast).toList();
        List<IncomingDocument> docs = new ArrayList<>();
        String title = composition.hasTitle() ? composition.getTitle() : "composition-" + composition.getIdElement().getIdPart();
        if (binaries.isEmpty()) {
            byte[] content = fhir.newJsonParser().encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
            docs.add(document(baseId, receivedAt, claim, patient, category, labels, period, provider, safeFileName(title) + ".json",
                    "application/fhir+json", content));
        } else {
            for (int i = 0; i < binaries.size(); i++) {
                Binary b = binaries.get(i);
                if (!b.hasData() || b.getData().length == 0) {
                    throw new FhirImportException(FhirImportException.Reason.INVALID, what + ": Binary" + idSuffix(b) + " has no data");
                }
                String mime = b.hasContentType() ? b.getContentType() : "application/octet-stream";
                String file = safeFileName(binaries.size() == 1 ? title : title + "-" + (i + 1)) + extension(mime);
                docs.add(document(binaries.size() == 1 ? baseId : baseId + "#Binary/" + b.getIdElement().getIdPart(), receivedAt, claim,
                        patient, category, labels, period, provider, file, mime, b.getData()));
            }
        }
        return docs;
    }

    // ---- DocumentReference --------------------------------------------------------------------

    private List<IncomingDocument> fromDocumentReference(DocumentReference dr, Context ctx, Instant receivedAt) {
        return fromDocumentReference(dr, ctx, receivedAt, new LinkedHashSet<>());
    }

    private List<IncomingDocument> fromDocumentReference(DocumentReference dr, Context outer, Instant receivedAt, Set<Resource> usedBinaries) {
        String what = (outer.prefix == null ? "" : outer.prefix) + "DocumentReference" + idSuffix(dr);
        Context ctx = new Context(what + ": ", outer.byReference, outer.base);
        if (dr.getStatus() == Enumerations.DocumentReferenceStatus.ENTEREDINERROR) {
            return List.of(); // withdrawn by the provider: nothing to import
        }
        if (!dr.hasContent()) {
            throw new FhirImportException(FhirImportException.Reason.INVALID, what + ": has no content[]");
        }
        Patient patient = null;
        if (dr.hasSubject()) {
            Resource subject = ctx.resolve(dr.getSubject(), dr);
            if (subject != null && !(subject instanceof Patient)) {
                throw new FhirImportException(FhirImportException.Reason.INVALID, what + ": subject is a " + subject.fhirType()
                        + ", not a Patient");
            }
            patient = (Patient) subject;
        }
        String claim = claimNumber(dr.getContext().getRelated(), dr.getIdentifier());
        String category = category(dr.getType());
        Set<String> labels = sensitivity(dr.getSecurityLabel(), dr.getMeta().getSecurity(), List.of());
        Period period = dr.getContext().hasPeriod() ? dr.getContext().getPeriod() : null;
        Provider provider = provider(ctx, dr, dr.getCustodian(), dr.getAuthor());
        String baseId = versioned(dr);
        List<IncomingDocument> docs = new ArrayList<>();
        for (int i = 0; i < dr.getContent().size(); i++) {
            String element = what + ": content[" + i + "].attachment";
            Attachment a = dr.getContent().get(i).getAttachment();
            Content c = content(a, element, ctx, dr, usedBinaries);
            String fileName = a.hasTitle() ? safeFileName(a.getTitle())
                    : safeFileName(dr.getIdElement().hasIdPart() ? dr.getIdElement().getIdPart() : "document")
                    + (dr.getContent().size() > 1 ? "-" + (i + 1) : "") + extension(c.mimeType);
            docs.add(document(dr.getContent().size() > 1 ? baseId + "#content[" + i + "]" : baseId, receivedAt, claim, patient, category,
                    labels, period, provider, fileName, c.mimeType, c.bytes));
        }
        return docs;
    }

    /** A searchset's {@code include} entries are context (the Patient, the performer), not results of their own. */
    private static boolean isPrimary(Bundle.BundleEntryComponent entry) {
        return !entry.hasSearch() || entry.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE;
    }

    /** v2 table 0074 diagnostic service sections that are imaging; the rest of a DiagnosticReport's sections are laboratory. */
    private static final Set<String> IMAGING_SECTIONS = Set.of("RAD", "CT", "MR", "NMR", "NMS", "RUS", "US", "VUS", "XRC", "OUS", "CUS", "NRS", "RX");

    /**
     * A DiagnosticReport (how labs and imaging centres publish results over FHIR): each presentedForm attachment (the
     * signed report, usually a PDF) is a document, its bytes as sent, fetched or taken from a Binary as a
     * DocumentReference's are. Results only as Observations, with no presented form, are refused by name rather than
     * rendered by guess.
     */
    private List<IncomingDocument> fromDiagnosticReport(DiagnosticReport report, Context outer, Instant receivedAt, Set<Resource> usedBinaries) {
        String what = (outer.prefix == null ? "" : outer.prefix) + "DiagnosticReport" + idSuffix(report);
        Context ctx = new Context(what + ": ", outer.byReference, outer.base);
        if (report.getStatus() == DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR
                || report.getStatus() == DiagnosticReport.DiagnosticReportStatus.CANCELLED) {
            return List.of(); // withdrawn or never produced: nothing to import
        }
        if (!report.hasPresentedForm()) {
            throw new FhirImportException(FhirImportException.Reason.INVALID, what + ": has no presentedForm; MedCase files the report as the "
                    + "provider presented it (a PDF or other attachment in presentedForm, or a DocumentReference), not Observations alone");
        }
        Patient patient = null;
        if (report.hasSubject()) {
            Resource subject = ctx.resolve(report.getSubject(), report);
            if (subject != null && !(subject instanceof Patient)) {
                throw new FhirImportException(FhirImportException.Reason.INVALID, what + ": subject is a " + subject.fhirType() + ", not a Patient");
            }
            patient = (Patient) subject;
        }
        String claim = claimNumber(List.of(), report.getIdentifier());
        String category = "laboratory";
        for (CodeableConcept section : report.getCategory()) {
            for (Coding c : section.getCoding()) {
                if (c.hasCode() && IMAGING_SECTIONS.contains(c.getCode().toUpperCase(java.util.Locale.ROOT))) {
                    category = "radiologyReport";
                }
            }
        }
        String byCode = category(report.getCode()); // a LOINC document code (18748-4 diagnostic imaging study) says more
        if (!"other".equals(byCode)) {
            category = byCode;
        }
        Set<String> labels = sensitivity(List.of(), report.getMeta().getSecurity());
        Period period = report.hasEffectivePeriod() ? report.getEffectivePeriod()
                : report.hasEffectiveDateTimeType() ? new Period().setStartElement(report.getEffectiveDateTimeType()) : null;
        Provider provider = provider(ctx, report, null, report.getPerformer());
        String baseId = versioned(report);
        List<IncomingDocument> docs = new ArrayList<>();
        int forms = report.getPresentedForm().size();
        for (int i = 0; i < forms; i++) {
            String element = what + ": presentedForm[" + i + "]";
            Attachment a = report.getPresentedForm().get(i);
            Content c = content(a, element, ctx, report, usedBinaries);
            String fileName = a.hasTitle() ? safeFileName(a.getTitle())
                    : safeFileName(report.getIdElement().hasIdPart() ? report.getIdElement().getIdPart() : "report")
                    + (forms > 1 ? "-" + (i + 1) : "") + extension(c.mimeType);
            docs.add(document(forms > 1 ? baseId + "#presentedForm[" + i + "]" : baseId, receivedAt, claim, patient, category,
                    labels, period, provider, fileName, c.mimeType, c.bytes));
        }
        return docs;
    }

    private record Content(byte[] bytes, String mimeType) { }

    private Content content(Attachment a, String element, Context ctx, Resource owner, Set<Resource> usedBinaries) {
        String declared = a.hasContentType() ? a.getContentType() : null;
        byte[] bytes;
        if (a.hasData()) {
            bytes = a.getData();
        } else if (a.hasUrl()) {
            Resource local = ctx.resolve(new Reference(a.getUrl()), owner);
            if (local instanceof Binary b) {
                usedBinaries.add(b);
                bytes = b.getData();
                declared = declared != null ? declared : b.getContentType();
            } else {
                URI url = absolute(a.getUrl(), ctx.base, element);
                AttachmentFetcher.Fetched fetched = fetcher.fetch(url, element + ".url");
                bytes = fetched.content();
                declared = declared != null ? declared : mediaType(fetched.contentType());
            }
        } else {
            throw new FhirImportException(FhirImportException.Reason.INVALID, element + " has neither data nor url");
        }
        if (bytes == null || bytes.length == 0) {
            throw new FhirImportException(FhirImportException.Reason.INVALID, element + " is empty");
        }
        if (a.hasSize() && a.getSize() != bytes.length) {
            throw new FhirImportException(FhirImportException.Reason.INVALID, element + ".size says " + a.getSize() + " bytes but the content has "
                    + bytes.length);
        }
        if (a.hasHash() && !Arrays.equals(a.getHash(), sha1(bytes))) {
            throw new FhirImportException(FhirImportException.Reason.INVALID, element + ".hash (SHA-1) does not match the content; "
                    + "the content is " + Base64.getEncoder().encodeToString(sha1(bytes)));
        }
        return new Content(bytes, declared == null ? "application/octet-stream" : declared);
    }

    private static URI absolute(String url, URI base, String element) {
        try {
            URI uri = new URI(url.trim());
            if (uri.isAbsolute()) {
                return uri;
            }
            if (base == null) {
                throw new FhirImportException(FhirImportException.Reason.INVALID, element + ".url '" + url
                        + "' is relative and there is no server base to resolve it against (give an absolute URL or a Binary in the Bundle)");
            }
            return base.resolve(uri);
        } catch (URISyntaxException e) {
            throw new FhirImportException(FhirImportException.Reason.INVALID, element + ".url '" + url + "' is not a valid URL: " + e.getMessage());
        }
    }

    // ---- mapping ------------------------------------------------------------------------------

    private IncomingDocument document(String messageId, Instant receivedAt, String claim, Patient patient, String category, Set<String> labels,
                                      Period period, Provider provider, String fileName, String mimeType, byte[] content) {
        HumanName name = patient == null ? null : officialName(patient);
        String family = name == null || !name.hasFamily() ? null : name.getFamily();
        String given = name == null || !name.hasGiven() ? null : name.getGiven().get(0).getValue();
        LocalDate birthDate = patient == null || !patient.hasBirthDateElement() ? null : day(patient.getBirthDateElement().getValueAsString());
        LocalDate from = period == null || !period.hasStart() ? null : day(period.getStartElement().getValueAsString());
        LocalDate to = period == null || !period.hasEnd() ? from : day(period.getEndElement().getValueAsString());
        List<IncomingDocument.PatientIdentifier> ids = patient == null ? List.of() : patient.getIdentifier().stream()
                .filter(i -> i.hasSystem() && i.hasValue()).map(i -> new IncomingDocument.PatientIdentifier(i.getSystem(), i.getValue())).toList();
        return new IncomingDocument(ROUTE, messageId, receivedAt, claim, family, given, birthDate, category, labels, from, to,
                provider.name, provider.npi, fileName, mimeType, content, ids);
    }

    private static HumanName officialName(Patient p) {
        return p.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(p.getName().isEmpty() ? null : p.getName().get(0));
    }

    static String claimNumber(List<Reference> related, List<Identifier> identifiers) {
        for (Reference r : related) {
            if (r.hasIdentifier() && CLAIM_NUMBER_SYSTEM.equals(r.getIdentifier().getSystem()) && r.getIdentifier().hasValue()) {
                return r.getIdentifier().getValue().trim();
            }
        }
        for (Identifier i : identifiers) {
            if (CLAIM_NUMBER_SYSTEM.equals(i.getSystem()) && i.hasValue()) {
                return i.getValue().trim();
            }
        }
        return null;
    }

    static String category(CodeableConcept type) {
        for (Coding c : type.getCoding()) {
            if (LOINC.equals(c.getSystem()) && CATEGORY_BY_LOINC.containsKey(c.getCode())) {
                return CATEGORY_BY_LOINC.get(c.getCode());
            }
        }
        return "other";
    }

    @SafeVarargs
    static Set<String> sensitivity(List<CodeableConcept> securityLabels, List<Coding>... more) {
        Set<String> labels = new LinkedHashSet<>();
        List<Coding> codings = new ArrayList<>();
        securityLabels.forEach(cc -> codings.addAll(cc.getCoding()));
        for (List<Coding> m : more) {
            codings.addAll(m);
        }
        for (Coding c : codings) {
            if ((!c.hasSystem() || ACT_CODE_SYSTEMS.contains(c.getSystem())) && c.hasCode()) {
                String label = SENSITIVITY_BY_ACT_CODE.get(c.getCode());
                if (label != null) {
                    labels.add(label);
                }
            }
        }
        return labels;
    }

    private record Provider(String name, String npi) { }

    /** The custodian, else the first author: display name and NPI, from the reference or the resource it resolves to. */
    private static Provider provider(Context ctx, Resource owner, Reference custodian, List<Reference> authors) {
        List<Reference> candidates = new ArrayList<>();
        if (custodian != null && !custodian.isEmpty()) {
            candidates.add(custodian);
        }
        candidates.addAll(authors);
        String name = null;
        String npi = null;
        for (Reference r : candidates) {
            Resource target = ctx.resolve(r, owner);
            if (name == null) {
                name = r.hasDisplay() ? r.getDisplay() : nameOf(target);
            }
            if (npi == null) {
                npi = npi(r.hasIdentifier() ? List.of(r.getIdentifier()) : List.of());
                if (npi == null) {
                    npi = npi(identifiersOf(target));
                }
            }
        }
        return new Provider(name, npi);
    }

    private static String nameOf(Resource r) {
        if (r instanceof Organization o && o.hasName()) {
            return o.getName();
        }
        if (r instanceof Practitioner p && p.hasName()) {
            return p.getNameFirstRep().getNameAsSingleString();
        }
        return null;
    }

    private static List<Identifier> identifiersOf(Resource r) {
        if (r instanceof Organization o) {
            return o.getIdentifier();
        }
        if (r instanceof Practitioner p) {
            return p.getIdentifier();
        }
        if (r instanceof PractitionerRole pr) {
            return pr.getIdentifier();
        }
        return List.of();
    }

    private static String npi(List<Identifier> identifiers) {
        return identifiers.stream().filter(i -> NPI_SYSTEM.equals(i.getSystem()) && i.hasValue()).map(Identifier::getValue)
                .findFirst().orElse(null);
    }

    /** A FHIR date or dateTime at day precision or finer, as a LocalDate; null for year or month precision. */
    static LocalDate day(String value) {
        if (value == null || value.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String versioned(Resource r) {
        String type = r.fhirType();
        if (!r.getIdElement().hasIdPart()) {
            return type + "/(no id)";
        }
        String id = type + "/" + r.getIdElement().getIdPart();
        String version = r.getMeta().hasVersionId() ? r.getMeta().getVersionId() : r.getIdElement().getVersionIdPart();
        return version == null ? id : id + "/_history/" + version;
    }

    private static String idSuffix(IBaseResource r) {
        return r.getIdElement() != null && r.getIdElement().hasIdPart() ? " " + r.getIdElement().getIdPart() : " (no id)";
    }

    /** The server base of an entry's absolute fullUrl ({@code http://x/fhir/DocumentReference/1} gives {@code http://x/fhir/}). */
    static URI baseOf(String fullUrl) {
        if (fullUrl == null || !(fullUrl.startsWith("http://") || fullUrl.startsWith("https://"))) {
            return null;
        }
        String[] parts = fullUrl.split("/");
        if (parts.length < 5) {
            return null;
        }
        String base = String.join("/", Arrays.copyOf(parts, parts.length - 2));
        try {
            return new URI(base + "/");
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    private static String safeFileName(String name) {
        String cleaned = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").trim();
        return cleaned.isEmpty() ? "document" : cleaned;
    }

    private static String extension(String mime) {
        return switch (mime == null ? "" : mediaType(mime)) {
            case "application/pdf" -> ".pdf";
            case "text/plain" -> ".txt";
            case "text/html" -> ".html";
            case "application/xml", "text/xml", "application/hl7-v3+xml" -> ".xml";
            case "application/json", "application/fhir+json" -> ".json";
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/tiff" -> ".tiff";
            case "application/dicom" -> ".dcm";
            default -> "";
        };
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where references resolve: contained resources, then the Bundle's entries. */
    private record Context(String prefix, Map<String, Resource> byReference, URI base) {

        Resource resolve(Reference ref, Resource owner) {
            if (ref == null || !ref.hasReference()) {
                return ref != null && ref.getResource() instanceof Resource r ? r : null;
            }
            String value = ref.getReference();
            if (value.startsWith("#")) {
                String id = value.substring(1);
                if (owner instanceof org.hl7.fhir.r4.model.DomainResource d) {
                    for (Resource c : d.getContained()) {
                        String cid = c.getIdElement().getIdPart();
                        if (cid != null && (cid.equals(id) || cid.equals(value))) {
                            return c;
                        }
                    }
                }
                return ref.getResource() instanceof Resource r ? r : null;
            }
            Resource r = byReference.get(value);
            if (r == null && base != null) {
                r = byReference.get(base + value);
            }
            if (r == null) {
                String[] parts = value.split("/");
                int history = Arrays.asList(parts).indexOf("_history");
                int end = history > 0 ? history : parts.length;
                if (end >= 2) {
                    r = byReference.get(parts[end - 2] + "/" + parts[end - 1]);
                }
            }
            return r;
        }
    }
}
