package com.medcase.importing.hl7;

import java.util.Base64;

/** Synthetic HL7 v2.5 messages (fake people only). */
public final class Hl7Samples {

    private Hl7Samples() {
    }

    public static String mdm(String controlId, String claim, String family, String given, String dob, String charset, byte[] document) {
        return "MSH|^~\\&|EHR|FAKE_CLINIC|MEDCASE|MEDCASE|20260115103000||MDM^T02^MDM_T02|" + controlId + "|P|2.5||||||" + charset + "\r"
                + "EVN|T02|20260115103000\r"
                + "PID|1||MRN-" + controlId + "||" + family + "^" + given + "||" + dob + "|F||||||||||" + claim + "\r"
                + "PV1|1|O\r"
                + "TXA|1|DS|AP|20260110||||||||DOC-" + controlId + "|||||AU\r"
                + "OBX|1|ED|DOC^Document||^AP^PDF^Base64^" + Base64.getEncoder().encodeToString(document) + "||||||F\r";
    }

    public static String oru(String controlId, String claim) {
        return "MSH|^~\\&|LAB|FAKE_LAB|MEDCASE|MEDCASE|20260116090000||ORU^R01^ORU_R01|" + controlId + "|P|2.5\r"
                + "PID|1||MRN-9||Testperson^Alpha||19700102|F||||||||||" + claim + "\r"
                + "OBR|1||ORD-" + controlId + "|2345-7^Glucose panel^LN|||20260114080000\r"
                + "OBX|1|NM|2345-7^Glucose^LN||98|mg/dL|70-99|N|||F\r"
                + "OBX|2|NM|2160-0^Creatinine^LN||1.4|mg/dL|0.6-1.2|H|||F\r";
    }

    public static byte[] pdf(String text) {
        return ("%PDF-1.4\n% fake document: " + text + "\n%%EOF\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
