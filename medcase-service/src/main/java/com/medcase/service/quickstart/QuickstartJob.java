package com.medcase.service.quickstart;

import com.medcase.service.cases.CaseFiling;
import com.medcase.service.config.MedCaseProperties;
import com.medcase.service.security.ConfiguredUsers;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The README's main job: on the embedded default, open the demo cases, file their synthetic records,
 * show progress while it runs, then print where to look. Keeps the service running unless told to
 * exit when done (which the packaged-jar test uses).
 */
@Component
@ConditionalOnProperty(name = "medcase.quickstart.enabled", havingValue = "true")
class QuickstartJob implements ApplicationRunner {

    static final String ACTOR = "admin";

    private final CaseFiling filing;
    private final MedCaseProperties properties;
    private final ConfiguredUsers users;
    private final Environment environment;
    private final ConfigurableApplicationContext context;
    private final PrintStream out = System.out;
    private final DemoFeeds feeds;

    QuickstartJob(CaseFiling filing, MedCaseProperties properties, ConfiguredUsers users, Environment environment,
                  ConfigurableApplicationContext context, DemoFeeds feeds) {
        this.feeds = feeds;
        this.filing = filing;
        this.properties = properties;
        this.users = users;
        this.environment = environment;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        DemoCases demo = DemoCases.load(properties.quickstart().demoDirectory());
        out.printf("%nMedCase quickstart: %d demo cases, %d records from %s%n", demo.cases().size(), demo.recordCount(), demo.source());
        Progress progress = new Progress(demo.cases().size(), demo.recordCount());
        for (DemoCases.DemoCase demoCase : demo.cases()) {
            if (filing.exists(demoCase.caseNumber())) {
                // Already there from an earlier run (the repository keeps it): nothing filed twice.
                progress.skipCase(demoCase.records().size());
            } else {
                filing.openCase(new CaseFiling.CaseRequest(demoCase.caseNumber(), demoCase.claimantId(), demoCase.caseType(),
                        demoCase.jurisdiction(), null), ACTOR);
                progress.caseOpened();
                for (DemoCases.DemoRecord r : demoCase.records()) {
                    fileRecord(demoCase, r, progress);
                }
            }
            out.println(progress.line());
        }
        String imports = feeds.publishAndFollow(properties.quickstart().demoDirectory().resolve("feeds"), out);
        printWhereToLook(progress, imports);
        if (properties.quickstart().exitWhenDone()) {
            int code = progress.rejected() == 0 ? 0 : 3;
            System.exit(SpringApplication.exit(context, () -> code));
        }
    }

    private void fileRecord(DemoCases.DemoCase demoCase, DemoCases.DemoRecord r, Progress progress) {
        try {
            filing.file(demoCase.caseNumber(), new CaseFiling.RecordUpload(r.name(), "text/plain",
                    r.text().getBytes(StandardCharsets.UTF_8), r.category(), r.serviceDateFrom(), r.serviceDateTo(),
                    r.providerName(), r.sensitivityLabels()), ACTOR);
            progress.recordFiled();
        } catch (IllegalArgumentException e) {
            // A demo record the model refuses is counted and named, not fatal: the rest still loads.
            out.println("  rejected " + r.name() + ": " + e.getMessage());
            progress.recordRejected();
        }
    }

    private void printWhereToLook(Progress progress, String imports) {
        String base = "http://127.0.0.1:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8085"));
        String login = users.generatedPasswords().isEmpty()
                ? ConfiguredUsers.GENERATED_RECORDS_LEAD + " (records team) and " + ConfiguredUsers.GENERATED_ADMIN
                        + " (operations), passwords printed at first start (or configured users)"
                : users.generatedPasswords().entrySet().stream().map(e -> e.getKey() + " / " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(",  ")) + "   (shown once; only hashes are stored)";
        out.printf("""

                MedCase is ready (%s).
                  Imports:   %s
                  Console:   %s/console
                  REST API:  %s/api/cases   (HTTP Basic)
                  API docs:  %s/swagger-ui/index.html   (OpenAPI: /v3/api-docs)
                  Login:     %s
                  Data:      %s
                %n""", progress.line().trim(), imports, base, base, base, login, properties.home().toAbsolutePath().normalize());
    }

    /** Counts shown while the job runs. */
    static final class Progress {
        private final int cases;
        private final int records;
        private int casesDone;
        private int filed;
        private int rejected;
        private int alreadyPresent;

        Progress(int cases, int records) {
            this.cases = cases;
            this.records = records;
        }

        void caseOpened() {
            casesDone++;
        }

        void skipCase(int recordsInCase) {
            casesDone++;
            alreadyPresent += recordsInCase;
        }

        void recordFiled() {
            filed++;
        }

        void recordRejected() {
            rejected++;
        }

        int rejected() {
            return rejected;
        }

        String line() {
            return "  cases %d/%d  records filed %d/%d  already present %d  rejected %d"
                    .formatted(casesDone, cases, filed, records, alreadyPresent, rejected);
        }
    }
}
