package com.medcase.alfresco.embedded;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A minimal multipart/form-data parser (RFC 7578) for the upload form. */
final class Multipart {
    record Part(String name, String filename, String contentType, byte[] data) { }

    private Multipart() { }

    static List<Part> parse(byte[] body, String boundary) {
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delim, 0);
        if (pos < 0) {
            throw ApiException.badRequest("Malformed multipart body");
        }
        while (true) {
            pos += delim.length;
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                break; // closing delimiter
            }
            // skip CRLF after the delimiter
            if (pos + 1 < body.length && body[pos] == '\r' && body[pos + 1] == '\n') {
                pos += 2;
            }
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (headerEnd < 0) {
                throw ApiException.badRequest("Malformed multipart body");
            }
            String headers = new String(body, pos, headerEnd - pos, StandardCharsets.UTF_8);
            int dataStart = headerEnd + 4;
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), dataStart);
            if (next < 0) {
                throw ApiException.badRequest("Malformed multipart body");
            }
            String name = null;
            String filename = null;
            String ctype = null;
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String h = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String v = line.substring(colon + 1).trim();
                if (h.equals("content-disposition")) {
                    name = param(v, "name");
                    filename = param(v, "filename");
                    String star = param(v, "filename*");
                    if (star != null && star.toUpperCase(Locale.ROOT).startsWith("UTF-8''")) {
                        filename = java.net.URLDecoder.decode(star.substring(7).replace("+", "%2B"), StandardCharsets.UTF_8);
                    }
                } else if (h.equals("content-type")) {
                    ctype = v;
                }
            }
            if (name != null) {
                parts.add(new Part(name, filename, ctype, Arrays.copyOfRange(body, dataStart, next)));
            }
            pos = next + 2; // at "--boundary"
        }
        return parts;
    }

    private static String param(String header, String key) {
        for (String p : header.split(";")) {
            String t = p.trim();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).trim().equalsIgnoreCase(key)) {
                String v = t.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
