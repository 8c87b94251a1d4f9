package com.medcase.importing.hl7;

import com.medcase.importing.admin.ImportAdministration;
import com.medcase.importing.pipeline.ImportPipeline;
import com.medcase.importing.pipeline.JdbcImportState;
import com.medcase.importing.testapp.ImportingTestApplication;
import com.medcase.importing.testapp.InMemoryRecordRepository;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, "mangled HL7 content" and "misfiled": each case the independent test found, over a real MLLP
 * socket into the in-memory repository port. HAPI HL7v2 parses; its parser decodes the delimiter escapes
 * (\F\ \S\ \T\ \R\ \E\) and leaves formatting escapes (\.br\, \Xhh\) to the application, as HL7 v2.5
 * chapter 2.7 describes them.
 */
@SpringBootTest(classes = ImportingTestApplication.class)
@DirtiesContext
class Hl7FidelityTest {

    @TempDir
    static Path dbDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("medcase.test.db-dir", () -> dbDir.toString());
        r.add("medcase.importing.mllp.enabled", () -> "true");
        r.add("medcase.importing.mllp.port", () -> "0");
        r.add("medcase.importing.retries.backoff-millis", () -> "10");
    }

    @Autowired InMemoryRecordRepository repository;
    @Autowired JdbcImportState state;
    @Autowired ImportAdministration administration;
    @Autowired MllpListener listener;

    static final String MSH_MDM = "MSH|^~\\&|EHR|FAKE_CLINIC|MEDCASE|MEDCASE|20260115103000||MDM^T02^MDM_T02|%s|P|2.5\r"
            + "EVN|T02|20260115103000\r"
            + "PID|1||MRN-1||Testperson^Alpha||19700102|F||||||||||" + ImportingTestApplication.CLAIM + "\r"
            + "PV1|1|O\r"
            + "TXA|1|DS|AP|20260110||||||||DOC-%s|||||AU\r";

    private String send(String message) throws Exception {
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
            return client.send(message, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void twoEdDocumentsInOneMdmBecomeTwoRecords() throws Exception {
        byte[] first = Hl7Samples.pdf("two-ed first");
        byte[] second = Hl7Samples.pdf("two-ed second");
        String ack = send(MSH_MDM.formatted("ED2-1", "ED2-1")
                + "OBX|1|ED|DOC^Document|1|^AP^PDF^Base64^" + b64(first) + "||||||F\r"
                + "OBX|2|ED|DOC^Document|2|^AP^PDF^Base64^" + b64(second) + "||||||F\r");
        assertThat(ack).contains("MSA|AA|ED2-1");
        assertThat(only(first).name()).isEqualTo("DOC-ED2-1-1.pdf");
        assertThat(only(second).name()).isEqualTo("DOC-ED2-1-2.pdf");
    }

    @Test
    void aDocumentContinuedInATxObxIsAssembledWhole() throws Exception {
        byte[] pdf = Hl7Samples.pdf("continued across OBX segments, long enough to be split in two parts");
        String all = b64(pdf);
        int cut = 24; // a multiple of 4: the first part is whole base64 quanta
        String ack = send(MSH_MDM.formatted("TXC-1", "TXC-1")
                + "OBX|1|ED|DOC^Document|1|^AP^PDF^Base64^" + all.substring(0, cut) + "||||||F\r"
                + "OBX|2|TX|DOC^Document|1|" + all.substring(cut) + "||||||F\r");
        assertThat(ack).contains("MSA|AA|TXC-1");
        assertThat(repository.content(only(pdf).id())).isEqualTo(pdf);
    }

    @Test
    void anOruWithTwoPatientsIsFiledPerPatientAndTheSecondPatientsCriticalResultIsKept() throws Exception {
        String ack = send("MSH|^~\\&|LAB|FAKE_LAB|MEDCASE|MEDCASE|20260116090000||ORU^R01^ORU_R01|ORU2-1|P|2.5\r"
                + "PID|1||MRN-1||Testperson^Alpha||19700102|F||||||||||" + ImportingTestApplication.CLAIM + "\r"
                + "OBR|1||ORD-A|2345-7^Glucose panel^LN|||20260114080000\r"
                + "OBX|1|NM|2345-7^Glucose^LN||98|mg/dL|70-99|N|||F\r"
                + "PID|2||MRN-2||Müller-Fake^Zoë||19810304|F||||||||||" + ImportingTestApplication.OTHER_CLAIM + "\r"
                + "OBR|1||ORD-B|2345-7^Glucose panel^LN|||20260114081000\r"
                + "OBX|1|NM|2345-7^Glucose^LN||38|mg/dL|70-99|LL|||F\r");
        assertThat(ack).contains("MSA|AA|ORU2-1");
        String first = report(ImportingTestApplication.CLAIM, "ORU-ORU2-1-1.txt");
        String second = report(ImportingTestApplication.OTHER_CLAIM, "ORU-ORU2-1-2.txt");
        assertThat(first).contains("Glucose: 98 mg/dL").doesNotContain("38");
        assertThat(second).contains("Glucose: 38 mg/dL").contains("[LL]");
    }

    @Test
    void nteCommentsAreKeptAndEscapesDecoded() throws Exception {
        String ack = send("MSH|^~\\&|LAB|FAKE_LAB|MEDCASE|MEDCASE|20260116090000||ORU^R01^ORU_R01|NTE-1|P|2.5\r"
                + "PID|1||MRN-1||Testperson^Alpha||19700102|F||||||||||" + ImportingTestApplication.CLAIM + "\r"
                + "OBR|1||ORD-N|24323-8^Metabolic panel \\T\\ lipids^LN|||20260114080000\r"
                + "NTE|1||Specimen slightly hemolyzed\r"
                + "OBX|1|ST|5778-6^Color^LN||Straw \\F\\ clear\\.br\\second line|||N|||F\r"
                + "NTE|1||Critical value called to Dr Fake \\S\\ read back\r");
        assertThat(ack).contains("MSA|AA|NTE-1");
        String report = report(ImportingTestApplication.CLAIM, "ORU-NTE-1.txt");
        assertThat(report).contains("Metabolic panel & lipids").contains("Note: Specimen slightly hemolyzed")
                .contains("Color: Straw | clear\nsecond line").contains("Note: Critical value called to Dr Fake ^ read back")
                .doesNotContain("\\F\\").doesNotContain("\\.br\\");
    }

    @Test
    void anMdmWithoutMsh10IsRejected() throws Exception {
        String ack = send(MSH_MDM.formatted("", "NOID") + "OBX|1|ED|DOC^Document||^AP^PDF^Base64^" + b64(Hl7Samples.pdf("no id")) + "||||||F\r");
        assertThat(ack).contains("MSA|AR|").contains("MSH-10");
        assertThat(records(Hl7Samples.pdf("no id"))).isEmpty();
    }

    @Test
    void lfAndCrlfSegmentTerminatorsAreAccepted() throws Exception {
        byte[] lf = Hl7Samples.pdf("lf terminators");
        byte[] crlf = Hl7Samples.pdf("crlf terminators");
        assertThat(send(Hl7Samples.mdm("LF-1", ImportingTestApplication.CLAIM, "A", "B", "19700102", "", lf).replace('\r', '\n')))
                .contains("MSA|AA|LF-1");
        assertThat(send(Hl7Samples.mdm("CRLF-1", ImportingTestApplication.CLAIM, "A", "B", "19700102", "", crlf).replace("\r", "\r\n")))
                .contains("MSA|AA|CRLF-1");
        assertThat(repository.content(only(lf).id())).isEqualTo(lf);
        assertThat(repository.content(only(crlf).id())).isEqualTo(crlf);
    }

    @Test
    void escapedLineBreaksInsideBase64AreAccepted() throws Exception {
        byte[] pdf = Hl7Samples.pdf("wrapped base64 with escaped line breaks inside");
        String all = b64(pdf);
        String wrapped = all.substring(0, 16) + "\\X0D\\\\X0A\\" + all.substring(16, 40) + "\\X0D0A\\" + all.substring(40);
        String ack = send(MSH_MDM.formatted("WRAP-1", "WRAP-1") + "OBX|1|ED|DOC^Document||^AP^PDF^Base64^" + wrapped + "||||||F\r");
        assertThat(ack).contains("MSA|AA|WRAP-1");
        assertThat(repository.content(only(pdf).id())).isEqualTo(pdf);
    }

    @Test
    void identicalBytesForAnotherClaimantAreFiledInThatCase() throws Exception {
        byte[] pdf = Hl7Samples.pdf("same bytes, two claimants");
        assertThat(send(Hl7Samples.mdm("SB-1", ImportingTestApplication.CLAIM, "A", "B", "19700102", "", pdf))).contains("MSA|AA|SB-1")
                .doesNotContain("duplicate");
        assertThat(send(Hl7Samples.mdm("SB-2", ImportingTestApplication.OTHER_CLAIM, "A", "B", "19700102", "", pdf))).contains("MSA|AA|SB-2")
                .doesNotContain("duplicate");
        assertThat(records(pdf)).extracting(StoredRecord::caseFolderId).containsExactlyInAnyOrder(
                repository.findCaseByNumber(ImportingTestApplication.CLAIM).orElseThrow().id(),
                repository.findCaseByNumber(ImportingTestApplication.OTHER_CLAIM).orElseThrow().id());
    }

    @Test
    void aReviewItemResolvedIntoTheRightCaseIsFiledThereEvenWhenTheBytesAreInAnotherCase() throws Exception {
        byte[] pdf = Hl7Samples.pdf("review into the right case");
        assertThat(send(Hl7Samples.mdm("RR-1", ImportingTestApplication.CLAIM, "A", "B", "19700102", "", pdf))).contains("MSA|AA|RR-1");
        assertThat(send(Hl7Samples.mdm("RR-2", "CLM-NOWHERE", "Nobody", "Known", "19500101", "", pdf))).contains("queued for review");
        JdbcImportState.ReviewItem item = administration.reviewItems(100).stream().filter(r -> r.messageId().equals("RR-2")).findFirst().orElseThrow();
        ImportAdministration.Result result = administration.resolve(item.id(), ImportingTestApplication.OTHER_CLAIM, "records.clerk");
        assertThat(result.detail()).startsWith("FILED");
        assertThat(records(pdf)).hasSize(2);
    }

    @Test
    void theSameUnmatchedMessageResentGivesOneReviewItem() throws Exception {
        byte[] pdf = Hl7Samples.pdf("unmatched twice");
        String message = Hl7Samples.mdm("UM2-1", "CLM-NOWHERE", "Nobody", "Known", "19500101", "", pdf);
        assertThat(send(message)).contains("queued for review");
        assertThat(send(message)).contains("queued for review");
        assertThat(administration.reviewItems(1000)).filteredOn(r -> r.messageId().equals("UM2-1")).hasSize(1);
    }

    static final String MSH_ORU = "MSH|^~\\&|LAB|FAKE_LAB|MEDCASE|MEDCASE|20260116090000||ORU^R01^ORU_R01|%s|P|2.5\r"
            + "PID|1||MRN-1||Testperson^Alpha||19700102|F||||||||||" + ImportingTestApplication.CLAIM + "\r";

    /** Labs and imaging centres embed their signed PDF report in an ORU's OBX-5 (ED): it is filed as sent, never rendered as text. */
    @Test
    void aPdfEmbeddedInAnOruIsFiledAsSentBesideTheResultsReport() throws Exception {
        byte[] pdf = Hl7Samples.pdf("pathology report embedded in an ORU");
        String ack = send(MSH_ORU.formatted("ORUPDF-1")
                + "OBR|1||ORD-P|88305^Surgical pathology^CPT|||20260114080000\r"
                + "OBX|1|ST|22634-0^Pathology report final diagnosis^LN||Benign|||N|||F\r"
                + "OBX|2|ED|PDF^Pathology report^LOCAL||^AP^PDF^Base64^" + b64(pdf) + "||||||F\r");
        assertThat(ack).contains("MSA|AA|ORUPDF-1");
        assertThat(repository.content(only(pdf).id())).isEqualTo(pdf);
        assertThat(only(pdf).name()).isEqualTo("ORU-ORUPDF-1.pdf");
        String text = report(ImportingTestApplication.CLAIM, "ORU-ORUPDF-1.txt");
        assertThat(text).contains("final diagnosis: Benign").contains("Pathology report: embedded document 1")
                .doesNotContain(b64(pdf).substring(0, 16));
    }

    @Test
    void anOruThatCarriesOnlyAnEmbeddedReportFilesOnlyThatDocument() throws Exception {
        byte[] pdf = Hl7Samples.pdf("radiology report, nothing else in the message");
        String ack = send(MSH_ORU.formatted("ORUPDF-2")
                + "OBR|1||ORD-R|71046^Chest X-ray 2 views^CPT|||20260114080000\r"
                + edContinuedInTx(pdf));
        assertThat(ack).contains("MSA|AA|ORUPDF-2");
        assertThat(repository.content(only(pdf).id())).isEqualTo(pdf);
        assertThat(repository.listRecords(repository.findCaseByNumber(ImportingTestApplication.CLAIM).orElseThrow().id()))
                .extracting(StoredRecord::name).doesNotContain("ORU-ORUPDF-2.txt");
    }

    @Test
    void aCommentOnTheContinuationOfAnEmbeddedReportIsKept() throws Exception {
        byte[] pdf = Hl7Samples.pdf("continued report with a comment on its second part");
        String ack = send(MSH_ORU.formatted("ORUNTE-1")
                + "OBR|1||ORD-N|71046^Chest X-ray 2 views^CPT|||20260114080000\r"
                + edContinuedInTx(pdf)
                + "NTE|1||Addendum called to the adjuster\r");
        assertThat(ack).contains("MSA|AA|ORUNTE-1");
        assertThat(repository.content(only(pdf).id())).isEqualTo(pdf);
        assertThat(report(ImportingTestApplication.CLAIM, "ORU-ORUNTE-1.txt")).contains("Note: Addendum called to the adjuster");
    }

    /** Senders that leave ED-3 empty: the format named in ED-2, or only the bytes' signature, still names the file. */
    @Test
    void aDocumentWithoutSubtypeIsNamedFromTypeOfDataOrItsBytes() throws Exception {
        byte[] first = Hl7Samples.pdf("type of data says PDF");
        byte[] second = Hl7Samples.pdf("nothing says PDF but the bytes");
        String ack = send(MSH_ORU.formatted("NOSUB-1")
                + "OBR|1||ORD-S|11502-2^Laboratory report^LN|||20260114080000\r"
                + "OBX|1|ED|PDF^Report^LOCAL|1|^PDF^^Base64^" + b64(first) + "||||||F\r"
                + "OBX|2|ED|PDF^Report^LOCAL|2|^^^Base64^" + b64(second) + "||||||F\r");
        assertThat(ack).contains("MSA|AA|NOSUB-1");
        assertThat(only(first).name()).isEqualTo("ORU-NOSUB-1-document-1.pdf");
        assertThat(only(second).name()).isEqualTo("ORU-NOSUB-1-document-2.pdf");
        assertThat(repository.content(only(second).id())).isEqualTo(second);
    }

    /** ED-4 (HL7 table 0299) says how ED-5 is encoded: hexadecimal digits are also valid base64, so ignoring it filed garbage. */
    @Test
    void edDataIsDecodedAsItsEncodingFieldSays() throws Exception {
        byte[] hexDoc = Hl7Samples.pdf("hex encoded document");
        String ack = send(MSH_MDM.formatted("HEX-1", "HEX-1")
                + "OBX|1|ED|DOC^Document||^AP^PDF^Hex^" + java.util.HexFormat.of().formatHex(hexDoc) + "||||||F\r");
        assertThat(ack).contains("MSA|AA|HEX-1");
        assertThat(repository.content(only(hexDoc).id())).isEqualTo(hexDoc);

        byte[] text = "Plain text letter, sent as displayable data".getBytes(StandardCharsets.UTF_8);
        ack = send(MSH_MDM.formatted("ASCII-1", "ASCII-1")
                + "OBX|1|ED|DOC^Document||^TEXT^PLAIN^A^Plain text letter, sent as displayable data||||||F\r");
        assertThat(ack).contains("MSA|AA|ASCII-1");
        assertThat(repository.content(only(text).id())).isEqualTo(text);

        ack = send(MSH_MDM.formatted("UU-1", "UU-1")
                + "OBX|1|ED|DOC^Document||^AP^PDF^UUENCODE^" + b64(Hl7Samples.pdf("unknown encoding")) + "||||||F\r");
        assertThat(ack).contains("MSA|AR|UU-1").contains("ED-4");
    }

    private String report(String caseNumber, String name) {
        StoredRecord r = repository.listRecords(repository.findCaseByNumber(caseNumber).orElseThrow().id()).stream()
                .filter(x -> x.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + caseNumber));
        return new String(repository.content(r.id()), StandardCharsets.UTF_8);
    }

    /** A PDF as many senders split it: its first base64 characters in an ED OBX, the rest in a TX OBX of the same sub-id. */
    private static String edContinuedInTx(byte[] pdf) {
        return "OBX|1|ED|PDF^Report^LOCAL|1|^AP^PDF^Base64^" + b64(pdf).substring(0, 20) + "||||||F\r"
                + "OBX|2|TX|PDF^Report^LOCAL|1|" + b64(pdf).substring(20) + "||||||F\r";
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private List<StoredRecord> records(byte[] content) {
        String sha = ImportPipeline.sha256(content);
        return repository.listCases().stream().flatMap(c -> repository.listRecords(c.id()).stream())
                .filter(r -> sha.equals(r.properties().get(MedCaseModel.PROP_SHA256))).toList();
    }

    private StoredRecord only(byte[] content) {
        List<StoredRecord> found = records(content);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
