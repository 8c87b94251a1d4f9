package com.medcase.importing.hl7;

import com.medcase.importing.testapp.ImportingTestApplication;
import com.medcase.importing.testapp.InMemoryRecordRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The content-hash idempotent repository is in the database: a new application (new CamelContext) on it refuses a resend. */
class RestartIdempotencyTest {

    @TempDir
    Path dbDir;

    @Test
    void aDocumentFiledBeforeARestartIsADuplicateAfterIt() throws Exception {
        byte[] pdf = Hl7Samples.pdf("restart");
        String first = send(Hl7Samples.mdm("RS-1", ImportingTestApplication.CLAIM, "A", "B", "19700102", "", pdf), 1);
        assertThat(first).contains("MSA|AA|RS-1").doesNotContain("duplicate");
        String second = send(Hl7Samples.mdm("RS-2", ImportingTestApplication.CLAIM, "A", "B", "19700102", "", pdf), 0);
        assertThat(second).contains("MSA|AA|RS-2").contains("duplicate");
    }

    /** Starts a fresh application on the same H2 file, sends one message, checks how many records it filed. */
    private String send(String message, int expectedFiled) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ImportingTestApplication.class)
                .properties("medcase.test.db-dir=" + dbDir, "medcase.importing.mllp.enabled=true", "medcase.importing.mllp.port=0")
                .run()) {
            MllpListener listener = app.getBean(MllpListener.class);
            try (MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port())) {
                String ack = client.send(message, StandardCharsets.ISO_8859_1);
                assertThat(app.getBean(InMemoryRecordRepository.class).recordCount()).isEqualTo(expectedFiled);
                return ack;
            }
        }
    }
}
