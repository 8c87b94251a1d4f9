package com.medcase.importing.demo;

import com.medcase.importing.filedrop.FileDropProcessor;
import com.medcase.importing.hl7.MllpListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Sends the synthetic demo feeds ({@code src/demo/feeds}) through the running import channels, the way
 * providers would: copies each file-drop batch into the inbox and writes its {@code .ready} marker last,
 * sends each HL7 file over MLLP and reads its ACK, and hands each FHIR JSON file to the FHIR sink (an
 * HTTP POST, or the service's import call). Progress goes to the callback, one line per item.
 */
public final class DemoFeedPublisher {

    /** Where the running channels listen. Any part may be null: that channel is skipped (and said so). */
    public record Targets(Path fileDropInbox, String mllpHost, Integer mllpPort, FhirSink fhir) { }

    /** Takes one FHIR JSON document (DocumentReference or document Bundle); returns a short outcome. */
    @FunctionalInterface
    public interface FhirSink {
        String post(String fileName, byte[] json) throws IOException;

        /** POSTs to a FHIR endpoint as application/fhir+json, with an optional Authorization header value. */
        static FhirSink http(URI endpoint, String authorization) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            return (name, json) -> {
                HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofByteArray(json));
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                try {
                    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    return "HTTP " + response.statusCode();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while posting " + name, e);
                }
            };
        }
    }

    /** What was sent: one line per item with its outcome (ACK code, HTTP status, batch copied). */
    public record Summary(int batches, int hl7Messages, int fhirDocuments, List<String> outcomes) { }

    private final Path feeds;

    /** @param feeds the feed directory, {@code src/demo/feeds} in a clone */
    public DemoFeedPublisher(Path feeds) {
        if (!Files.isDirectory(feeds)) {
            throw new IllegalArgumentException("Demo feed directory " + feeds.toAbsolutePath()
                    + " does not exist; run from the project root or point medcase.quickstart.demo-directory at src/demo");
        }
        this.feeds = feeds;
    }

    public Summary publish(Targets targets, Consumer<String> progress) {
        List<String> outcomes = new ArrayList<>();
        Consumer<String> report = line -> {
            outcomes.add(line);
            progress.accept(line);
        };
        int batches = targets.fileDropInbox() == null ? skip(report, "file drop") : publishFileDrops(targets.fileDropInbox(), report);
        int hl7 = targets.mllpPort() == null ? skip(report, "HL7 MLLP") : publishHl7(targets.mllpHost(), targets.mllpPort(), report);
        int fhir = targets.fhir() == null ? skip(report, "FHIR") : publishFhir(targets.fhir(), report);
        return new Summary(batches, hl7, fhir, List.copyOf(outcomes));
    }

    private static int skip(Consumer<String> report, String channel) {
        report.accept(channel + ": channel not enabled, skipped");
        return 0;
    }

    private int publishFileDrops(Path inbox, Consumer<String> report) {
        Path root = feeds.resolve("filedrop");
        int n = 0;
        for (Path provider : list(root)) {
            for (Path batch : list(provider)) {
                Path target = inbox.resolve(provider.getFileName().toString()).resolve(batch.getFileName() + "-" + System.currentTimeMillis());
                try {
                    Files.createDirectories(target);
                    for (Path f : list(batch)) {
                        Files.copy(f, target.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                    // the marker last: the route only reads a batch once it is complete
                    Files.createFile(target.resolve(FileDropProcessor.READY_MARKER));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot copy demo batch " + batch + " into the inbox " + inbox, e);
                }
                n++;
                report.accept("file drop: " + provider.getFileName() + "/" + batch.getFileName() + " dropped into the inbox");
            }
        }
        return n;
    }

    private int publishHl7(String host, int port, Consumer<String> report) {
        List<Path> files = list(feeds.resolve("hl7")).stream().filter(p -> p.toString().endsWith(".hl7")).toList();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host == null ? "127.0.0.1" : host, port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (Path file : files) {
                String message = Files.readString(file, StandardCharsets.UTF_8).strip().replace("\r\n", "\r").replace('\n', '\r') + "\r";
                out.write(MllpListener.frame(message.getBytes(message.contains("UNICODE UTF-8") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)));
                out.flush();
                byte[] ack = MllpListener.readFrame(in);
                report.accept("HL7: " + file.getFileName() + " -> " + (ack == null ? "connection closed" : ackCode(new String(ack, StandardCharsets.UTF_8))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send the demo HL7 messages to MLLP " + host + ":" + port
                    + " (is medcase.importing.mllp.enabled=true?)", e);
        }
        return files.size();
    }

    private int publishFhir(FhirSink sink, Consumer<String> report) {
        List<Path> files = list(feeds.resolve("fhir")).stream().filter(p -> p.toString().endsWith(".json")).toList();
        for (Path file : files) {
            try {
                report.accept("FHIR: " + file.getFileName() + " -> " + sink.post(file.getFileName().toString(), Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot post demo FHIR document " + file.getFileName(), e);
            }
        }
        return files.size();
    }

    private static String ackCode(String ack) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith("MSA")) {
                String[] f = segment.split("\\|", -1);
                return f.length > 1 ? f[1] + (f.length > 3 && !f[3].isEmpty() ? " (" + f[3] + ")" : "") : "?";
            }
        }
        return "no MSA in the acknowledgement";
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
