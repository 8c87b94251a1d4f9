package com.medcase.alfresco.embedded;

import org.alfresco.core.model.NodeEntry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10: the embedded repository's content files are encrypted at rest per file (AES-256-GCM) with a key kept
 * outside its home, owner-only on disk, and the key can be rotated: files written under the old key stay readable
 * while both keys are configured, re-encryption moves them to the new key, after which the old key can go.
 */
class ContentEncryptionTest extends EmbeddedTestBase {

    static final byte[] FIRST_KEY = random(32);
    static final byte[] SECOND_KEY = random(32);
    ContentEncryption encryption = ContentEncryption.of(FIRST_KEY, List.of());

    @Override
    EmbeddedAlfrescoSettings settings() {
        return super.settings().withContentEncryption(encryption);
    }

    @Test
    void contentIsEncryptedOnDiskOwnerOnlyAndReadsBackWhole() throws Exception {
        String marker = "Synthetic psychotherapy note MARKER-" + System.nanoTime();
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) 'x');
        byte[] content = (marker + new String(big, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.UTF_8);
        String id = file(content);
        assertThat(admin.get(Client.core("nodes/" + id + "/content")).bytes()).isEqualTo(content);
        assertThat(admin.get(Client.core("nodes/" + id)).body()).contains("\"sizeInBytes\":" + content.length);

        Path store = home.resolve("contentstore");
        assertThat(Files.getPosixFilePermissions(store)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        List<Path> files = contentFiles();
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            byte[] raw = Files.readAllBytes(f);
            assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("MARKER-").doesNotContain("xxxxxxxx");
            assertThat(Files.getPosixFilePermissions(f)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void aKeyIsRotatedByReencryptingWhileTheOldKeyStillReads() throws Exception {
        byte[] content = "Rotated content".getBytes(StandardCharsets.UTF_8);
        String id = file(content);
        // Rotation step 1: the new key becomes current, the old one stays for reading.
        encryption = ContentEncryption.of(SECOND_KEY, List.of(FIRST_KEY));
        restart();
        assertThat(admin.get(Client.core("nodes/" + id + "/content")).bytes()).isEqualTo(content);
        // Step 2: re-encrypt; every file is then under the new key.
        assertThat(alfresco.reencryptContent()).isPositive();
        assertThat(alfresco.reencryptContent()).isZero();
        // Step 3: the old key is gone; everything still reads.
        encryption = ContentEncryption.of(SECOND_KEY, List.of());
        restart();
        assertThat(admin.get(Client.core("nodes/" + id + "/content")).bytes()).isEqualTo(content);
        // And without the right key nothing reads (control: the files really are under the new key).
        encryption = ContentEncryption.of(FIRST_KEY, List.of());
        restart();
        assertThat(admin.get(Client.core("nodes/" + id + "/content")).status()).isNotEqualTo(200);
        encryption = ContentEncryption.of(SECOND_KEY, List.of());
        restart();
    }

    /** Chunks are authenticated: an altered, truncated or extended file is refused, never returned altered. */
    @Test
    void anAlteredFileIsRefused() throws Exception {
        ContentEncryption enc = ContentEncryption.of(FIRST_KEY, List.of());
        byte[] plain = random(3 * ContentEncryption.CHUNK + 100);
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        assertThat(enc.encrypt(new ByteArrayInputStream(plain), sealed)).isEqualTo(plain.length);
        byte[] file = sealed.toByteArray();
        int header = ContentEncryption.headerSize(enc.currentKeyId());
        assertThat(ContentEncryption.plainSize(file.length, header)).isEqualTo(plain.length);
        assertThat(decrypt(enc, file)).isEqualTo(plain);

        byte[] flipped = file.clone();
        flipped[header + 10 + ContentEncryption.CHUNK] ^= 1;
        assertThatThrownBy(() -> decrypt(enc, flipped)).isInstanceOf(IOException.class).hasMessageContaining("authentication");
        byte[] truncated = Arrays.copyOf(file, header + ContentEncryption.CHUNK + ContentEncryption.TAG);
        assertThatThrownBy(() -> decrypt(enc, truncated)).isInstanceOf(IOException.class);
        byte[] empty = new byte[0];
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        enc.encrypt(new ByteArrayInputStream(empty), none);
        assertThat(decrypt(enc, none.toByteArray())).isEmpty();
        assertThat(ContentEncryption.plainSize(none.size(), header)).isZero();
    }

    private static byte[] decrypt(ContentEncryption enc, byte[] file) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(file);
        String keyId = ContentEncryption.keyIdOf(in);
        try (var plain = enc.decrypting(in, keyId)) {
            return plain.readAllBytes();
        }
    }

    private String file(byte[] content) {
        NodeEntry folder = createFolder("-root-", unique("encrypted"));
        NodeEntry rec = createFile(admin, folder.getEntry().getId(), "note.txt", "cm:content", Map.of(), List.of());
        String id = rec.getEntry().getId();
        assertThat(admin.putBytes(Client.core("nodes/" + id + "/content"), content, "text/plain").status()).isEqualTo(200);
        return id;
    }

    private List<Path> contentFiles() throws IOException {
        Path store = home.resolve("contentstore");
        try (Stream<Path> walk = Files.walk(store)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(store.resolve("tmp"))).toList();
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
