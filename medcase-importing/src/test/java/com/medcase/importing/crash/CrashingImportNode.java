package com.medcase.importing.crash;

import com.medcase.importing.hl7.Hl7DocumentExtractor;
import com.medcase.importing.hl7.Hl7MessageProcessor;
import com.medcase.importing.hl7.MllpListener;
import com.medcase.importing.pipeline.ImportMetrics;
import com.medcase.importing.pipeline.ImportPipeline;
import com.medcase.importing.pipeline.JdbcImportState;
import com.medcase.importing.pipeline.LoggingImportAudit;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.alfresco.AlfrescoAuthorityDirectory;
import com.medcase.repository.alfresco.AlfrescoHttp;
import com.medcase.repository.alfresco.AlfrescoRecordRepository;
import com.medcase.repository.alfresco.AlfrescoSettings;
import com.medcase.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service node that dies: a separate JVM running the HL7 channel (MLLP listener, pipeline, H2 state)
 * against the embedded repository of the test's JVM. Its repository lets {@code crashAfter} records be
 * filed; the filing that reaches that number stores its record and then stops, as do all filings after it,
 * each holding its FILING claim, and the node prints {@code CRASH-POINT}: the test then kills it with
 * SIGKILL, between claim and completion.
 *
 * <p>args: h2-directory repository-base-url service-user password crash-after
 */
public final class CrashingImportNode {

    public static void main(String[] args) throws Exception {
        Path dbDir = Path.of(args[0]);
        int crashAfter = Integer.parseInt(args[4]);
        TestDatabase db = TestDatabase.h2(dbDir, "classpath:db/migration/importing");
        AlfrescoHttp http = new AlfrescoHttp(AlfrescoSettings.of(java.net.URI.create(args[1]), args[2], args[3].toCharArray()));
        RecordRepository real = new AlfrescoRecordRepository(http, new AlfrescoAuthorityDirectory(http), java.time.Clock.systemUTC());
        AtomicInteger filings = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        RecordRepository dying = (RecordRepository) Proxy.newProxyInstance(RecordRepository.class.getClassLoader(),
                new Class<?>[]{RecordRepository.class}, (proxy, method, margs) -> {
                    if (method.getName().equals("fileRecord")) {
                        int n = filings.incrementAndGet();
                        if (n == crashAfter) {
                            Object stored = invoke(method, real, margs);
                            System.out.println("CRASH-POINT");
                            System.out.flush();
                            never.await();
                            return stored;
                        }
                        if (n > crashAfter) {
                            never.await(); // claimed, never filed
                        }
                    }
                    return invoke(method, real, margs);
                });
        ImportPipeline pipeline = new ImportPipeline(dying, new JdbcImportState(db.dataSource()), new LoggingImportAudit(),
                new ImportMetrics(new SimpleMeterRegistry()), record -> { }, Duration.ofMinutes(5));
        Hl7MessageProcessor processor = new Hl7MessageProcessor("hl7-mllp", pipeline, new Hl7DocumentExtractor(), StandardCharsets.ISO_8859_1, 1, 10);
        MllpListener listener = new MllpListener("127.0.0.1", 0,
                new MllpListener.Limits(32, 32, Duration.ofMinutes(1), Duration.ofMinutes(1), java.util.List.of()), null, false,
                bytes -> processor.handle(bytes, "hl7-mllp"));
        listener.start();
        System.out.println("PORT " + listener.port());
        System.out.flush();
        never.await();
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
