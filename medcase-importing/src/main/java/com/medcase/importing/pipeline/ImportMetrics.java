package com.medcase.importing.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-channel numbers for administrators, as an integration engine shows them: received, filed,
 * duplicates, for review, rejected, dead-lettered and in flight, plus a latency histogram. Counters
 * are written through to {@code mc_import_counter} when a {@link JdbcImportState} is given, so they
 * survive restarts and add up across nodes; Micrometer meters ({@code medcase.import.documents{route,outcome}},
 * {@code medcase.import.latency{route}} with percentile histogram, {@code medcase.import.in-flight{route}})
 * are published as well. The latency histogram is kept here too, because a registry without a backend
 * (Micrometer's no-op composite) reports every timer as zero.
 */
public final class ImportMetrics implements AutoCloseable {

    public enum Outcome { RECEIVED, FILED, DUPLICATE, REJECTED, DEAD_LETTERED, QUEUED_FOR_REVIEW }

    /** Upper bounds (ms) of the latency buckets; the last bucket is everything above. */
    static final long[] BUCKETS_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000};

    /** One route's numbers at a point in time. {@code latencyBuckets}: "<=N ms" (and ">30000 ms") to count since start. */
    public record RouteSnapshot(String route, long received, long filed, long duplicates, long rejected, long deadLettered,
                                long queuedForReview, long inFlight, double meanLatencyMillis, double maxLatencyMillis,
                                double p50LatencyMillis, double p95LatencyMillis, double p99LatencyMillis,
                                Map<String, Long> latencyBuckets) { }

    private final MeterRegistry registry;
    private final JdbcImportState persistent;
    private final Map<String, Map<Outcome, AtomicLong>> counts = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    /** Counts not yet written to the database: written behind, once a second, not once per document. */
    private final Map<String, java.util.concurrent.atomic.LongAdder> pending = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService flusher;

    public ImportMetrics(MeterRegistry registry) {
        this(registry, null);
    }

    /**
     * @param persistent where counters are kept across restarts; null keeps them in memory only. Writes are
     *                   batched every second (a crash loses at most that second's counts, never a document).
     */
    public ImportMetrics(MeterRegistry registry, JdbcImportState persistent) {
        this.registry = registry;
        this.persistent = persistent;
        if (persistent != null) {
            flusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "import-counters");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleWithFixedDelay(this::flushQuietly, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        } else {
            flusher = null;
        }
    }

    public void count(String route, Outcome outcome) {
        routeCounts(route).get(outcome).incrementAndGet();
        registry.counter("medcase.import.documents", "route", route, "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
        if (persistent != null) {
            pending.computeIfAbsent(route + "\u0000" + outcome.name(), k -> new java.util.concurrent.atomic.LongAdder()).increment();
        }
    }

    /** Writes the pending counts to the database. */
    public synchronized void flush() {
        if (persistent == null) {
            return;
        }
        for (Map.Entry<String, java.util.concurrent.atomic.LongAdder> e : pending.entrySet()) {
            long delta = e.getValue().sumThenReset();
            if (delta != 0) {
                String[] key = e.getKey().split("\u0000", 2);
                try {
                    persistent.addToCounter(key[0], key[1], delta);
                } catch (RuntimeException failed) {
                    e.getValue().add(delta); // kept for the next flush
                    throw failed;
                }
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ImportMetrics.class).warn("import counters not written yet: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
            flushQuietly();
        }
    }

    public void latency(String route, Duration d) {
        timers.computeIfAbsent(route, r -> Timer.builder("medcase.import.latency").tag("route", r).publishPercentileHistogram()
                .register(registry)).record(d);
        histograms.computeIfAbsent(route, r -> new Histogram()).record(d.toNanos());
    }

    public void inFlight(String route, int delta) {
        inFlight.computeIfAbsent(route, r -> {
            AtomicInteger n = new AtomicInteger();
            Gauge.builder("medcase.import.in-flight", n, AtomicInteger::get).tag("route", r).register(registry);
            return n;
        }).addAndGet(delta);
    }

    public List<RouteSnapshot> snapshot() {
        TreeSet<String> routes = new TreeSet<>(counts.keySet());
        if (persistent != null) {
            flushQuietly();
            routes.addAll(persistent.counters().keySet());
        }
        return routes.stream().map(this::snapshot).toList();
    }

    public RouteSnapshot snapshot(String route) {
        Map<Outcome, Long> c = new LinkedHashMap<>();
        routeCounts(route).forEach((o, n) -> c.put(o, n.get()));
        if (persistent != null) {
            flushQuietly();
            Map<String, Long> stored = persistent.counters().getOrDefault(route, Map.of());
            for (Outcome o : Outcome.values()) {
                c.put(o, stored.getOrDefault(o.name(), 0L));
            }
        }
        Histogram h = histograms.getOrDefault(route, new Histogram());
        AtomicInteger running = inFlight.get(route);
        return new RouteSnapshot(route, c.get(Outcome.RECEIVED), c.get(Outcome.FILED), c.get(Outcome.DUPLICATE), c.get(Outcome.REJECTED),
                c.get(Outcome.DEAD_LETTERED), c.get(Outcome.QUEUED_FOR_REVIEW), running == null ? 0 : running.get(), h.meanMillis(),
                h.maxMillis(), h.percentileMillis(0.50), h.percentileMillis(0.95), h.percentileMillis(0.99), h.buckets());
    }

    private Map<Outcome, AtomicLong> routeCounts(String route) {
        return counts.computeIfAbsent(route, r -> {
            Map<Outcome, AtomicLong> m = new LinkedHashMap<>();
            for (Outcome o : Outcome.values()) {
                m.put(o, new AtomicLong());
            }
            return java.util.Collections.unmodifiableMap(m);
        });
    }

    /** Fixed-bucket latency histogram: lock-free, percentiles read as the bucket's upper bound. */
    static final class Histogram {
        private final AtomicLongArray counts = new AtomicLongArray(BUCKETS_MS.length + 1);
        private final AtomicLong totalNanos = new AtomicLong();
        private final AtomicLong maxNanos = new AtomicLong();
        private final AtomicLong n = new AtomicLong();

        void record(long nanos) {
            long ms = nanos / 1_000_000;
            int i = 0;
            while (i < BUCKETS_MS.length && ms >= BUCKETS_MS[i]) {
                i++;
            }
            counts.incrementAndGet(i);
            totalNanos.addAndGet(nanos);
            maxNanos.accumulateAndGet(nanos, Math::max);
            n.incrementAndGet();
        }

        double meanMillis() {
            long count = n.get();
            return count == 0 ? 0 : totalNanos.get() / 1e6 / count;
        }

        double maxMillis() {
            return maxNanos.get() / 1e6;
        }

        double percentileMillis(double p) {
            long count = n.get();
            if (count == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(p * count);
            long seen = 0;
            for (int i = 0; i < counts.length(); i++) {
                seen += counts.get(i);
                if (seen >= rank) {
                    return i < BUCKETS_MS.length ? BUCKETS_MS[i] : maxMillis();
                }
            }
            return maxMillis();
        }

        Map<String, Long> buckets() {
            Map<String, Long> b = new LinkedHashMap<>();
            for (int i = 0; i < counts.length(); i++) {
                b.put(i < BUCKETS_MS.length ? "<" + BUCKETS_MS[i] + " ms" : ">=" + BUCKETS_MS[BUCKETS_MS.length - 1] + " ms", counts.get(i));
            }
            return b;
        }

        @Override
        public String toString() {
            return Arrays.toString(BUCKETS_MS);
        }
    }
}
