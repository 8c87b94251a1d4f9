package com.medcase.service.security;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} with an RFC 6266 name: an ASCII fallback in {@code filename} and the exact
 * name in {@code filename*} (RFC 8187, UTF-8, percent-encoded). Servlet containers drop or mangle a header value with
 * characters beyond Latin-1, and a dropped disposition let a provider's HTML render from the service's origin; this
 * header is pure ASCII whatever the name.
 */
public final class Attachment {

    private Attachment() {
    }

    public static String disposition(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "record" : fileName;
        StringBuilder fallback = new StringBuilder();
        name.codePoints().forEach(c -> fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != '/'
                ? (char) c : '_'));
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encode(name);
    }

    /** RFC 8187 value-chars: attr-char stays, everything else is %XX of its UTF-8 bytes. */
    private static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
