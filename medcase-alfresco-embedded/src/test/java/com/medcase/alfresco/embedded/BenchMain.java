package com.medcase.alfresco.embedded;

import org.alfresco.core.model.NodeBodyCreate;
import org.alfresco.core.model.NodeBodyUpdate;
import org.alfresco.core.model.NodeEntry;
import org.alfresco.core.model.PermissionsBody;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Quick bench (not a test): files records the way MedCase's client does (POST children JSON with properties, aspectNames
 * and permissions, then PUT content 20 KiB) with 4 client threads into one folder, printing the rate per window; then
 * re-sets the ACL of 10,000 records (one PUT /nodes/{id} with permissions each, 4 threads).
 * Run: java -cp <test classpath> com.medcase.alfresco.embedded.BenchMain [records] [jdbcUrl]
 */
public final class BenchMain {
    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        String jdbc = args.length > 1 && !args[1].equals("h2") ? args[1] : null;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int window = Math.max(1000, total / 10);
        Path home = Files.createTempDirectory("alfresco-embedded-bench");
        String pw = "bench-Pw-1!";
        try (EmbeddedAlfresco a = EmbeddedAlfresco.start(new EmbeddedAlfrescoSettings(home, jdbc, jdbc == null ? null : "postgres", null, 0,
                "svc", pw.toCharArray()))) {
            Client admin = new Client(a.baseUrl(), "svc", pw);
            String group = "GROUP_" + admin.post(Client.core("groups"), Map.of("id", "bench", "displayName", "bench")).json().get("entry").get("id")
                    .asText().substring(6);
            String folder = admin.post(Client.core("nodes/-root-/children"), new NodeBodyCreate().name("bench").nodeType("cm:folder"))
                    .as(NodeEntry.class).getEntry().getId();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String basic = "Basic " + Base64.getEncoder().encodeToString(("svc:" + pw).getBytes());
            byte[] content = new byte[20 * 1024];
            AtomicInteger next = new AtomicInteger();
            ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "bench-client");
                t.setDaemon(true);
                return t;
            });
            long[] windowStart = {System.nanoTime()};
            List<Future<?>> fs = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        NodeBodyCreate body = new NodeBodyCreate().name("record-" + i + ".pdf").nodeType("mc:medicalRecord")
                                .aspectNames(List.of("mc:sensitive"))
                                .properties(Map.of("cm:title", "Record " + i, "cm:description", "bench"))
                                .permissions(new PermissionsBody().isInheritanceEnabled(false).locallySet(List.of(allowed(group, "Consumer"))));
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(java.net.URI.create(a.baseUrl() + Client.core("nodes/" + folder + "/children")))
                                .header("Authorization", basic).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(Client.write(body))).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException(r.statusCode() + " " + r.body());
                        }
                        String id = Client.MAPPER.readTree(r.body()).get("entry").get("id").asText();
                        HttpResponse<String> c = http.send(HttpRequest.newBuilder(java.net.URI.create(a.baseUrl() + Client.core("nodes/" + id + "/content")))
                                .header("Authorization", basic).header("Content-Type", "application/pdf")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
                        if (c.statusCode() != 200) {
                            throw new IllegalStateException(c.statusCode() + " " + c.body());
                        }
                        ids.add(id);
                        int done = i + 1;
                        if (done % window == 0) {
                            synchronized (windowStart) {
                                long now = System.nanoTime();
                                System.out.printf("records %6d: %.0f records/s in the last window (machine load average %s)%n", done,
                                        window / ((now - windowStart[0]) / 1e9), loadAverage());
                                windowStart[0] = now;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("filed %d records in %.1f s: %.0f records/s overall (4 threads, 2 calls each, 20 KiB content)%n", total, secs, total / secs);

            List<String> some = new ArrayList<>(ids).subList(0, Math.min(10_000, ids.size()));
            AtomicInteger k = new AtomicInteger();
            fs.clear();
            long aclStart = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    int i;
                    while ((i = k.getAndIncrement()) < some.size()) {
                        NodeBodyUpdate u = new NodeBodyUpdate().permissions(new PermissionsBody().isInheritanceEnabled(false)
                                .locallySet(List.of(allowed(group, "Consumer"), allowed("GROUP_EVERYONE", "Consumer"))));
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(java.net.URI.create(a.baseUrl() + Client.core("nodes/" + some.get(i))))
                                .header("Authorization", basic).header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(Client.write(u))).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(r.statusCode() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            System.out.printf("re-set the ACL of %d records in %.1f s%n", some.size(), (System.nanoTime() - aclStart) / 1e9);
            long listStart = System.nanoTime();
            Client.Res page = admin.get(Client.core("nodes/" + folder + "/children?skipCount=" + (total - 100) + "&maxItems=100"));
            System.out.printf("last page of %d children listed in %.1f ms (status %d)%n", total, (System.nanoTime() - listStart) / 1e6, page.status());
            pool.shutdownNow();
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    static org.alfresco.core.model.PermissionElement allowed(String authority, String role) {
        return new org.alfresco.core.model.PermissionElement().authorityId(authority).name(role)
                .accessStatus(org.alfresco.core.model.PermissionElement.AccessStatusEnum.ALLOWED);
    }
}
