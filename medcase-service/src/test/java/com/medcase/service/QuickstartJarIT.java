package com.medcase.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's main job, run from the repackaged jar exactly as a user runs it: the first start
 * files every demo record and prints where to look with a generated admin password; a second start
 * on the same home rebuilds the embedded repository from the journal and files nothing twice.
 */
class QuickstartJarIT {

    @TempDir
    Path home;

    @Test
    void quickstartFilesTheDemoOnceAndPrintsWhereToLook() throws Exception {
        Run first = quickstart();
        assertThat(first.exitCode).as(first.output).isZero();
        assertThat(first.output)
                .contains("records filed 6/6  already present 0  rejected 0")
                .contains("Console:   http://127.0.0.1:")
                .contains("API docs:")
                .containsPattern("password: \\S{16,}")
                .contains("HL7: 01-mdm-t02-discharge.hl7 -> AA")
                .containsPattern("Imports: +received \\d+, filed [1-9]\\d*, duplicates 0");

        Run second = quickstart();
        assertThat(second.exitCode).as(second.output).isZero();
        assertThat(second.output)
                .contains("records filed 0/6  already present 6  rejected 0")
                .contains("6 records")
                .doesNotContain("generated its first accounts");
        // The channel counters persist across restarts (issue 11), so the second run's totals include the first's:
        // the same feeds again are recognised as duplicates, and nothing more is filed.
        long[] before = importTotals(first.output);
        long[] after = importTotals(second.output);
        assertThat(after[0]).as("the same feeds again are not filed twice").isEqualTo(before[0]);
        assertThat(after[1]).as("they are recognised as duplicates").isGreaterThan(before[1]);
    }

    /** filed and duplicates from the summary line "Imports:   received R, filed F, duplicates D, ...". */
    private static long[] importTotals(String output) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Imports: +received \\d+, filed (\\d+), duplicates (\\d+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    record Run(int exitCode, String output) {
    }

    Run quickstart() throws IOException, InterruptedException {
        Path jar = Path.of("target/medcase-service.jar").toAbsolutePath();
        assertThat(jar).as("run through mvn verify, which packages the jar first").isRegularFile();
        Path log = Files.createTempFile(home, "quickstart", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-jar", jar.toString(),
                "--medcase.quickstart.enabled=true", "--medcase.quickstart.exit-when-done=true", "--server.port=0",
                "--medcase.home=" + home, "--medcase.quickstart.demo-directory=" + Path.of("../src/demo").toAbsolutePath().normalize()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("quickstart did not finish within 150 s:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
