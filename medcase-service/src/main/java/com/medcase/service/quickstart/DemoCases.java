package com.medcase.service.quickstart;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The synthetic demo cases: {@code <demo-directory>/cases.json} when the project's demo material is
 * there (a fresh clone run from its root), else the copy packaged in the service jar.
 */
record DemoCases(String source, List<DemoCase> cases) {

    record DemoCase(String caseNumber, String claimantId, String caseType, String jurisdiction, List<DemoRecord> records) {
        DemoCase {
            records = records == null ? List.of() : List.copyOf(records);
        }
    }

    record DemoRecord(String name, String category, LocalDate serviceDateFrom, LocalDate serviceDateTo, String providerName,
                      List<String> sensitivityLabels, String text) {
    }

    static DemoCases load(Path demoDirectory) {
        JsonMapper json = JsonMapper.builder().build();
        TypeReference<List<DemoCase>> type = new TypeReference<>() { };
        Path onDisk = demoDirectory.resolve("cases.json");
        try {
            if (Files.isRegularFile(onDisk)) {
                try (InputStream in = Files.newInputStream(onDisk)) {
                    return new DemoCases(onDisk.toString(), json.readValue(in, type));
                }
            }
            try (InputStream in = DemoCases.class.getResourceAsStream("/quickstart/demo-cases.json")) {
                return new DemoCases("classpath:/quickstart/demo-cases.json", json.readValue(in, type));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo cases (" + onDisk + " or the packaged copy)", e);
        }
    }

    int recordCount() {
        return cases.stream().mapToInt(c -> c.records().size()).sum();
    }
}
