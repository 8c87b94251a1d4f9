package com.medcase.importing.hl7;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * HL7 v2 acknowledgements: AA accepted, AE application error (retry later), AR rejected (do not
 * resend as is). MSA-2 echoes MSH-10. Texts name what was wrong, never patient data.
 */
final class Hl7Acks {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Hl7Acks() {
    }

    static byte[] ack(RawHl7 msg, String code, String text) {
        String sep = msg.fieldSeparator();
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(TS);
        StringBuilder sb = new StringBuilder();
        sb.append("MSH").append(sep).append("^~\\&").append(sep).append("MEDCASE").append(sep).append("MEDCASE").append(sep)
                .append(clean(msg.sendingApplication(), sep)).append(sep).append(clean(msg.sendingFacility(), sep)).append(sep)
                .append(now).append(sep).append(sep).append("ACK^").append(clean(msg.triggerEvent(), sep)).append("^ACK").append(sep)
                .append("ACK").append(clean(msg.controlId(), sep)).append(sep).append("P").append(sep).append("2.5");
        if (msg.charset() != java.nio.charset.StandardCharsets.ISO_8859_1) {
            sb.append(sep.repeat(6)).append(msh18(msg.charset()));
        }
        sb.append('\r');
        sb.append("MSA").append(sep).append(code).append(sep).append(clean(msg.controlId(), sep));
        if (text != null) {
            sb.append(sep).append(clean(text, sep));
        }
        sb.append('\r');
        if (!"AA".equals(code)) {
            // ERR-3 (HL7 error code, table 0357), ERR-4 severity, ERR-8 user message
            String errorCode = "AR".equals(code) ? "100^Segment sequence error" : "207^Application internal error";
            sb.append("ERR").append(sep).append(sep).append(sep).append(errorCode).append(sep).append("E")
                    .append(sep.repeat(4)).append(clean(text == null ? "" : text, sep)).append('\r');
        }
        return sb.toString().getBytes(msg.charset());
    }

    private static String msh18(java.nio.charset.Charset c) {
        if (c == java.nio.charset.StandardCharsets.UTF_8) {
            return "UNICODE UTF-8";
        }
        if (c == java.nio.charset.StandardCharsets.US_ASCII) {
            return "ASCII";
        }
        return "";
    }

    private static String clean(String s, String sep) {
        if (s == null) {
            return "";
        }
        String cleaned = s.replace(sep, " ").replace("\r", " ").replace("\n", " ").replace("^", " ").replace("~", " ")
                .replace("\\", "/").replace("&", "+");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
    }
}
