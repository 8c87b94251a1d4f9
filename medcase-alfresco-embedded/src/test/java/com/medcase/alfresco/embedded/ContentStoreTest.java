package com.medcase.alfresco.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The content store's files: where they are written, who may read them, and what a failed write leaves behind. */
class ContentStoreTest {

    @TempDir
    Path home;

    @Test
    void aDocumentIsWrittenOwnerOnlyAtItsUrlAndNothingElseIsLeft() throws IOException {
        ContentStore store = new ContentStore(home);
        byte[] pdf = "%PDF-1.7 a discharge summary".getBytes();

        ContentStore.Written written = store.write(new ByteArrayInputStream(pdf));

        Path file = store.path(written.url());
        assertThat(written.url()).matches("store://\\d{4}/\\d{1,2}/\\d{1,2}/[0-9a-f-]{36}\\.bin");
        assertThat(written.size()).isEqualTo(pdf.length);
        assertThat(Files.readAllBytes(file)).isEqualTo(pdf);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(filesUnder(home)).containsExactly(file);
    }

    @Test
    void twoDocumentsOnTheSameDayShareTheDayDirectoryAndARemovedDirectoryIsMadeAgain() throws IOException {
        ContentStore store = new ContentStore(home);
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Path first = store.path(store.write(new ByteArrayInputStream(new byte[] {1})).url());
        Path second = store.path(store.write(new ByteArrayInputStream(new byte[] {2})).url());
        if (day.equals(java.time.LocalDate.now(java.time.ZoneOffset.UTC))) { // not across midnight UTC
            assertThat(second.getParent()).isEqualTo(first.getParent());
        }

        // an administrator's clean-up removes the day's directory while the repository runs
        Files.delete(first);
        Files.delete(second);
        Files.delete(first.getParent());
        Path third = store.path(store.write(new ByteArrayInputStream(new byte[] {3})).url());

        assertThat(Files.readAllBytes(third)).containsExactly(3);
    }

    @Test
    void aWriteThatFailsMidwayLeavesNoFileBehind() throws IOException {
        ContentStore store = new ContentStore(home);
        InputStream breaksOff = new SequenceInputStream(new ByteArrayInputStream(new byte[70_000]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset by the sender");
            }
        });

        assertThatThrownBy(() -> store.write(breaksOff)).isInstanceOf(UncheckedIOException.class);

        assertThat(filesUnder(home)).isEmpty();
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
