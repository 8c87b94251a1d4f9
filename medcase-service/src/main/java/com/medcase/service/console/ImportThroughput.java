package com.medcase.service.console;

import com.medcase.importing.admin.ImportMonitor;
import com.medcase.importing.pipeline.ImportMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Import throughput over time for the dashboard chart: the ImportMonitor's cumulative per-route counters sampled
 * every {@link #INTERVAL} (and at each dashboard view), kept for the last {@link #KEPT} samples on this node.
 * Rates are differences between samples, so a restart only starts a new curve.
 */
@Component
class ImportThroughput implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(30);
    static final int KEPT = 240;

    /** Cumulative counters of all routes at one instant. */
    record Sample(Instant at, long received, long filed, long rejected, long deadLettered) {
    }

    private final ObjectProvider<ImportMonitor> monitor;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "medcase-import-throughput");
        t.setDaemon(true);
        return t;
    });

    ImportThroughput(ObjectProvider<ImportMonitor> monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
        sampler.scheduleAtFixedRate(this::sample, INTERVAL.toSeconds(), INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }

    synchronized void sample() {
        ImportMonitor m = monitor.getIfAvailable();
        if (m == null) {
            return;
        }
        long received = 0, filed = 0, rejected = 0, dead = 0;
        for (ImportMetrics.RouteSnapshot r : m.snapshot().routes()) {
            received += r.received();
            filed += r.filed();
            rejected += r.rejected();
            dead += r.deadLettered();
        }
        samples.addLast(new Sample(clock.instant(), received, filed, rejected, dead));
        while (samples.size() > KEPT) {
            samples.removeFirst();
        }
    }

    synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
