package com.medcase.alfresco.embedded;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-file encryption of the content store at rest: AES-256-GCM in chunks, so files of any size stream in both
 * directions with constant memory and every chunk is authenticated (a flipped bit, a swapped, dropped or appended chunk,
 * a file moved under another key: all refused on reading).
 *
 * <p>File layout: magic {@code MCENC1}, key id length (1 byte) and key id (ASCII), an 8-byte random file nonce, then
 * chunks of at most {@value #CHUNK} plaintext bytes, each {@code ciphertext || 16-byte tag}. Chunk {@code i} uses the
 * IV {@code fileNonce || i} (4 bytes) and the associated data {@code keyId || i || last?}, so order and the end are
 * authenticated. An empty file is one empty final chunk.
 *
 * <p>Keys: one current key (new files) and any number of earlier ones (read only), each named by a key id derived from
 * the key itself. Rotation: make the new key current, keep the old one as earlier, {@link ContentStore#reencrypt()}
 * rewrites every file not under the current key; then the old key can go.
 */
public final class ContentEncryption {

    static final byte[] MAGIC = "MCENC1".getBytes(StandardCharsets.US_ASCII);
    static final int CHUNK = 64 * 1024;
    static final int TAG = 16;

    private final String currentId;
    private final Map<String, byte[]> keys;
    private final SecureRandom random = new SecureRandom();

    private ContentEncryption(String currentId, Map<String, byte[]> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    /** {@code current} encrypts new files; {@code earlier} keys still decrypt files written under them. */
    public static ContentEncryption of(byte[] current, List<byte[]> earlier) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put(idOf(current), check(current));
        for (byte[] k : earlier) {
            keys.putIfAbsent(idOf(k), check(k));
        }
        return new ContentEncryption(idOf(current), Map.copyOf(keys));
    }

    /** A key's id: the first 8 bytes of SHA-256 over it, hex (identifies the key without revealing it). */
    public static String idOf(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] check(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("Content keys are AES-256 keys: 32 bytes, got " + key.length);
        }
        return key.clone();
    }

    public String currentKeyId() {
        return currentId;
    }

    /** Encrypts {@code in} to {@code out} under the current key; returns the plaintext size. */
    long encrypt(InputStream in, OutputStream out) throws IOException {
        byte[] nonce = new byte[8];
        random.nextBytes(nonce);
        byte[] id = currentId.getBytes(StandardCharsets.US_ASCII);
        out.write(MAGIC);
        out.write(id.length);
        out.write(id);
        out.write(nonce);
        byte[] key = keys.get(currentId);
        byte[] buf = new byte[CHUNK];
        byte[] next = new byte[CHUNK];
        int n = in.readNBytes(buf, 0, CHUNK);
        long total = 0;
        int index = 0;
        while (true) {
            // Read ahead one chunk to know whether this one is the last (authenticated as such).
            int m = n == CHUNK ? in.readNBytes(next, 0, CHUNK) : 0;
            boolean last = m == 0;
            out.write(crypt(Cipher.ENCRYPT_MODE, key, nonce, id, index, last, buf, n));
            total += n;
            if (last) {
                return total;
            }
            byte[] t = buf;
            buf = next;
            next = t;
            n = m;
            index++;
        }
    }

    /** Whether a stored file starts as an encrypted one (files written before encryption was enabled do not). */
    static boolean isEncrypted(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC);
    }

    /** The key id of an encrypted file's header. */
    static String keyIdOf(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!isEncrypted(magic)) {
            return null;
        }
        int len = in.read();
        if (len < 0) {
            throw new EOFException("truncated content file header");
        }
        return new String(in.readNBytes(len), StandardCharsets.US_ASCII);
    }

    /** Plaintext size of an encrypted file of {@code fileSize} bytes whose header is {@code headerSize} bytes. */
    static long plainSize(long fileSize, int headerSize) {
        long body = fileSize - headerSize;
        long chunks = Math.max(1, (body + CHUNK + TAG - 1) / (CHUNK + TAG));
        return body - chunks * TAG;
    }

    static int headerSize(String keyId) {
        return MAGIC.length + 1 + keyId.length() + 8;
    }

    /** A decrypting stream over an encrypted file positioned after its magic (see {@link #keyIdOf}). */
    InputStream decrypting(InputStream file, String keyId) throws IOException {
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new IOException("Content file encrypted under key " + keyId + ", which is not among the configured content keys "
                    + keys.keySet() + "; supply it as an earlier key until the store is re-encrypted");
        }
        byte[] nonce = file.readNBytes(8);
        if (nonce.length != 8) {
            throw new EOFException("truncated content file header");
        }
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        return new InputStream() {
            private byte[] plain = new byte[0];
            private int pos;
            private int index;
            private boolean done;
            private byte[] pending = file.readNBytes(CHUNK + TAG);

            private boolean fill() throws IOException {
                while (pos >= plain.length) {
                    if (done) {
                        return false;
                    }
                    byte[] sealed = pending;
                    if (sealed.length < TAG) {
                        throw new IOException("Content file is truncated or corrupted (chunk " + index + ")");
                    }
                    pending = sealed.length == CHUNK + TAG ? file.readNBytes(CHUNK + TAG) : new byte[0];
                    boolean last = pending.length == 0;
                    plain = crypt(Cipher.DECRYPT_MODE, key, nonce, id, index, last, sealed, sealed.length);
                    pos = 0;
                    index++;
                    done = last;
                }
                return true;
            }

            @Override
            public int read() throws IOException {
                return fill() ? plain[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, plain.length - pos);
                System.arraycopy(plain, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    /** One Cipher per thread: looking the provider up for every chunk cost more than the chunk's AES-GCM itself. */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JDK", e);
        }
    });

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] keyId, int index, boolean last, byte[] data, int length)
            throws IOException {
        try {
            Cipher cipher = GCM.get();
            byte[] iv = ByteBuffer.allocate(12).put(nonce).putInt(index).array();
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, iv));
            ByteArrayOutputStream aad = new ByteArrayOutputStream();
            aad.writeBytes(keyId);
            aad.writeBytes(ByteBuffer.allocate(5).putInt(index).put((byte) (last ? 1 : 0)).array());
            cipher.updateAAD(aad.toByteArray());
            return cipher.doFinal(data, 0, length);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IOException("Content file failed authentication (chunk " + index + "): it was altered, truncated or "
                    + "belongs to another key", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-GCM failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ContentEncryption[current=" + currentId + ", keys=" + keys.keySet() + "]";
    }
}
