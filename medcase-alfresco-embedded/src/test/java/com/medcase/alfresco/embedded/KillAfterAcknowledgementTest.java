package com.medcase.alfresco.embedded;

import org.alfresco.core.model.NodeBodyCreate;
import org.alfresco.core.model.NodeEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the repository answered 201/200 for is there after the process is killed (SIGKILL: no shutdown hook, no
 * close). H2 must write each commit before the answer ({@code WRITE_DELAY=0}, {@link Db}): with H2's default delay
 * this test lost the documents of the last few hundred milliseconds (seen with {@code WRITE_DELAY=500}). The writers
 * run until the kill, so it lands while commits are in flight.
 */
class KillAfterAcknowledgementTest {
    private static final String ADMIN = "kill-test-service";
    private static final String ADMIN_PW = "kill-Test-pw-1!";

    @Test
    void everyAcknowledgedCreateAndContentSurvivesAKill(@TempDir Path home) throws Exception {
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmedcase.alfresco.pbkdf2.iterations=2000", "-cp", System.getProperty("java.class.path"),
                EmbeddedAlfresco.class.getName(), home.toString(), "0", ADMIN).redirectErrorStream(true);
        child.environment().put("MEDCASE_ALFRESCO_ADMIN_PASSWORD", ADMIN_PW);
        Process repository = child.start();
        List<String[]> acknowledged = Collections.synchronizedList(new ArrayList<>()); // {id, content}
        ExecutorService writers = Executors.newFixedThreadPool(6);
        try {
            URI base = readyUrl(repository);
            Client admin = new Client(base, ADMIN, ADMIN_PW);
            String folder = admin.post(Client.core("nodes/-root-/children"), new NodeBodyCreate().name("kill-test").nodeType("cm:folder"))
                    .as(NodeEntry.class).getEntry().getId();
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    Client c = new Client(base, ADMIN, ADMIN_PW);
                    for (int i = 0; !stop.get(); i++) {
                        String content = "writer " + writer + " document " + i;
                        try {
                            Client.Res created = c.post(Client.core("nodes/" + folder + "/children"),
                                    new NodeBodyCreate().name("w" + writer + "-" + i + ".txt").nodeType("cm:content").properties(Map.of("cm:title", content)));
                            if (created.status() != 201) {
                                return null;
                            }
                            String id = created.as(NodeEntry.class).getEntry().getId();
                            if (c.putBytes(Client.core("nodes/" + id + "/content"), content.getBytes(StandardCharsets.UTF_8), "text/plain").status() != 200) {
                                return null;
                            }
                            acknowledged.add(new String[]{id, content});
                        } catch (RuntimeException killed) {
                            return null; // the connection died with the process
                        }
                    }
                    return null;
                }));
            }
            while (acknowledged.size() < 150) {
                Thread.sleep(5);
            }
            repository.destroyForcibly(); // SIGKILL while the writers are mid-request
            repository.waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
            repository.destroyForcibly();
        }

        List<String[]> answered = List.copyOf(acknowledged);
        System.setProperty("medcase.alfresco.pbkdf2.iterations", "2000");
        try (EmbeddedAlfresco again = EmbeddedAlfresco.start(new EmbeddedAlfrescoSettings(home, null, null, null, 0, ADMIN, ADMIN_PW.toCharArray()))) {
            Client admin = new Client(again.baseUrl(), ADMIN, ADMIN_PW);
            List<String> missing = new ArrayList<>();
            for (String[] doc : answered) {
                Client.Res content = admin.get(Client.core("nodes/" + doc[0] + "/content"));
                if (content.status() != 200 || !doc[1].equals(content.body())) {
                    missing.add(doc[0] + " (" + content.status() + ")");
                }
            }
            assertThat(missing).as("acknowledged before the kill, of " + answered.size()).isEmpty();
        }
    }

    private static URI readyUrl(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.startsWith("ready ")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException ignored) {
                        // the process was killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return URI.create(line.substring("ready ".length()));
            }
        }
        throw new IllegalStateException("the repository process did not start");
    }
}
