package com.medcase.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The ledger's secret: an HMAC-SHA256 key kept outside the database. Every entry's hash is sealed with it, so
 * somebody who can rewrite the database but does not hold the key cannot reseal an edited chain: recomputing the
 * plain SHA-256 hashes is not enough (the weakness of a hash chain on its own).
 */
public final class LedgerKey {

    private final byte[] key;

    private LedgerKey(byte[] key) {
        this.key = key.clone();
    }

    public static LedgerKey of(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("A ledger key needs at least one byte (32 random bytes recommended)");
        }
        return new LedgerKey(key);
    }

    /** HMAC-SHA256 of an entry's hash, hex. */
    public String mac(String entryHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(entryHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    /** Constant-time comparison of a stored MAC with the one this key gives. */
    public boolean matches(String entryHash, String storedMac) {
        return storedMac != null && MessageDigest.isEqual(mac(entryHash).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                storedMac.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "LedgerKey[hidden]";
    }
}
