package com.medcase.importing.hl7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What can be read from a message's MSH segment without parsing the message, so that even a
 * malformed message gets an acknowledgement that echoes its control id, in its own character set.
 */
record RawHl7(String fieldSeparator, String sendingApplication, String sendingFacility, String messageType, String triggerEvent,
              String controlId, String version, Charset charset) {

    static RawHl7 of(byte[] bytes, Charset defaultCharset) {
        // MSH is ASCII in every HL7 character set, so it can be read before the charset is known.
        String head = new String(bytes, 0, Math.min(bytes.length, 2048), StandardCharsets.ISO_8859_1);
        int start = head.indexOf("MSH");
        if (start < 0 || head.length() < start + 4) {
            return new RawHl7("|", "", "", "", "", "", "2.5", defaultCharset);
        }
        int cr = head.indexOf('\r', start);
        int lf = head.indexOf('\n', start);
        int end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
        String msh = head.substring(start, end < 0 ? head.length() : end);
        String sep = String.valueOf(msh.charAt(3));
        String[] f = msh.split(java.util.regex.Pattern.quote(sep), -1);
        // f[0]="MSH", f[1]=encoding chars (MSH-2), so MSH-n is f[n-1]
        String component = f.length > 1 && !f[1].isEmpty() ? String.valueOf(f[1].charAt(0)) : "^";
        String[] type = field(f, 9).split(java.util.regex.Pattern.quote(component), -1);
        return new RawHl7(sep, first(field(f, 3), component), first(field(f, 4), component), type[0], type.length > 1 ? type[1] : "",
                field(f, 10), first(field(f, 12), component), charset(field(f, 18), defaultCharset));
    }

    private static String field(String[] f, int n) {
        return f.length > n - 1 ? f[n - 1] : "";
    }

    private static String first(String value, String component) {
        int i = value.indexOf(component);
        return i < 0 ? value : value.substring(0, i);
    }

    /** HL7 Table 0211 names to Java charsets; unknown or empty means the configured default. */
    static Charset charset(String msh18, Charset fallback) {
        String v = msh18 == null ? "" : msh18.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (v) {
            case "UNICODE UTF-8", "UTF-8", "UNICODE" -> StandardCharsets.UTF_8;
            case "8859/1" -> StandardCharsets.ISO_8859_1;
            case "ASCII" -> StandardCharsets.US_ASCII;
            case "8859/2" -> Charset.forName("ISO-8859-2");
            case "8859/15" -> Charset.forName("ISO-8859-15");
            case "UNICODE UTF-16" -> StandardCharsets.UTF_16;
            default -> fallback;
        };
    }
}
