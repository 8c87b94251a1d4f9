package com.medcase.importing.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-route numbers for administrators: received, filed, duplicates, rejected, dead-lettered, queued
 * for review, and latency; as Micrometer meters ({@code medcase.import.documents{route,outcome}},
 * {@code medcase.import.latency{route}}) and as a snapshot for the console.
 */
public final class ImportMetrics {

    public enum Outcome { RECEIVED, FILED, DUPLICATE, REJECTED, DEAD_LETTERED, QUEUED_FOR_REVIEW }

    /** One route's numbers at a point in time. */
    public record RouteSnapshot(String route, long received, long filed, long duplicates, long rejected, long deadLettered,
                                long queuedForReview, double meanLatencyMillis, double maxLatencyMillis) { }

    private final MeterRegistry registry;
    private final Map<String, Map<Outcome, AtomicLong>> counts = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public ImportMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String route, Outcome outcome) {
        routeCounts(route).get(outcome).incrementAndGet();
        registry.counter("medcase.import.documents", "route", route, "outcome", outcome.name().toLowerCase()).increment();
    }

    public void latency(String route, Duration d) {
        timers.computeIfAbsent(route, r -> Timer.builder("medcase.import.latency").tag("route", r).register(registry)).record(d);
    }

    public List<RouteSnapshot> snapshot() {
        return counts.keySet().stream().sorted().map(this::snapshot).toList();
    }

    public RouteSnapshot snapshot(String route) {
        Map<Outcome, AtomicLong> c = routeCounts(route);
        Timer t = timers.get(route);
        return new RouteSnapshot(route, c.get(Outcome.RECEIVED).get(), c.get(Outcome.FILED).get(), c.get(Outcome.DUPLICATE).get(),
                c.get(Outcome.REJECTED).get(), c.get(Outcome.DEAD_LETTERED).get(), c.get(Outcome.QUEUED_FOR_REVIEW).get(),
                t == null ? 0 : t.mean(java.util.concurrent.TimeUnit.MILLISECONDS), t == null ? 0 : t.max(java.util.concurrent.TimeUnit.MILLISECONDS));
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
}
