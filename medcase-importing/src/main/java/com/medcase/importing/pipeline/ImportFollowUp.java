package com.medcase.importing.pipeline;

import com.medcase.repository.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link ImportedRecordListener} after the sender's acknowledgement, in batches, on background threads,
 * as ACS indexes a transaction after it commits rather than inside it. Before, each document's search entry (its
 * content read back, Tika's text extraction, the embedded Solr's commit) was made before its ACK, and that was half of
 * a filing's time. What is queued here is also in {@code mc_import_follow_up} (written in the claim's commit) until the
 * listener has run, so a crash loses no follow-up: {@link ImportPipeline#recoverFollowUps} does it again.
 * <p>
 * The queue is bounded: when the listener falls behind, filers wait for room, and the senders' ACKs slow down with
 * them, rather than the queue growing without end.
 */
final class ImportFollowUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportFollowUp.class);

    /** About ten seconds of follow-ups at the service's rate: beyond that, filers wait (the senders' ACKs slow down). */
    static final int CAPACITY = 1_000;
    static final int BATCH = 200;
    /** How long a batch waits for more records after its first: a search entry about a quarter of a second later. */
    static final Duration LINGER = Duration.ofMillis(250);

    private record Item(String claimKey, StoredRecord record) { }

    private final ImportedRecordListener listener;
    private final JdbcImportState state;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY);
    /** Claims queued or being followed up on this node: the recovery leaves them to it. */
    private final java.util.Set<String> mine = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Thread> workers = new ArrayList<>();
    private boolean started;
    private volatile boolean closing;

    /**
     * @param workers threads taking batches from the queue: a search entry waits on the repository (the content read
     *                back) and on the index as much as it computes, so one thread could not keep up with many senders
     */
    ImportFollowUp(ImportedRecordListener listener, JdbcImportState state, int workers) {
        this.listener = listener;
        this.state = state;
        for (int i = 0; i < Math.max(1, workers); i++) {
            Thread worker = new Thread(this::run, "medcase-import-follow-up-" + (i + 1));
            worker.setDaemon(true);
            this.workers.add(worker);
        }
    }

    /** As many workers as processors, at least two. */
    static int defaultWorkers() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** Queues a filed record's follow-up; waits when the queue is full. */
    void submit(String claimKey, StoredRecord record) {
        synchronized (workers) {
            if (!started && !closing) {
                started = true;
                workers.forEach(Thread::start);
            }
        }
        mine.add(claimKey);
        try {
            queue.put(new Item(claimKey, record));
        } catch (InterruptedException e) {
            mine.remove(claimKey);
            Thread.currentThread().interrupt(); // its row stays: the recovery does it
        }
    }

    /**
     * Runs the listener for these records now, on the caller's thread, and marks them done. When the batch fails, each
     * record is tried on its own, so that one record the listener cannot handle does not hold back the others; what
     * still fails keeps its row for the recovery.
     */
    void runNow(Map<String, StoredRecord> byClaimKey) {
        if (byClaimKey.isEmpty()) {
            return;
        }
        try {
            listener.recordsImported(List.copyOf(byClaimKey.values()));
        } catch (RuntimeException batchFailed) {
            if (byClaimKey.size() == 1) {
                throw batchFailed;
            }
            oneByOne(byClaimKey);
            return;
        }
        state.followedUp(byClaimKey.keySet());
    }

    private void oneByOne(Map<String, StoredRecord> byClaimKey) {
        List<String> done = new ArrayList<>();
        RuntimeException last = null;
        for (Map.Entry<String, StoredRecord> e : byClaimKey.entrySet()) {
            try {
                listener.recordsImported(List.of(e.getValue()));
                done.add(e.getKey());
            } catch (RuntimeException failed) {
                last = failed;
            }
        }
        state.followedUp(done);
        if (last != null) {
            throw last;
        }
    }

    /** Whether this node has the claim's follow-up queued or running (the recovery skips it). */
    boolean isMine(String claimKey) {
        return mine.contains(claimKey);
    }

    private void run() {
        List<Item> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Item first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // a batch fills for up to LINGER: one listener call (one index request, one row delete) for many records
                long until = System.nanoTime() + LINGER.toNanos();
                while (batch.size() < BATCH && !closing) {
                    queue.drainTo(batch, BATCH - batch.size());
                    long left = until - System.nanoTime();
                    if (batch.size() >= BATCH || left <= 0) {
                        break;
                    }
                    Item next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                queue.drainTo(batch, BATCH - batch.size());
                Map<String, StoredRecord> byKey = new LinkedHashMap<>();
                batch.forEach(i -> byKey.put(i.claimKey(), i.record()));
                runNow(byKey);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the rows stay in mc_import_follow_up: the periodic recovery does these again
                LOG.warn("Follow-up of {} imported record(s) failed; they will be done again by the recovery: {}", batch.size(),
                        e.getClass().getSimpleName(), MessageWithheld.of(e));
            } finally {
                batch.forEach(i -> mine.remove(i.claimKey()));
                batch.clear();
            }
        }
    }

    /** Finishes what is queued (up to {@code wait}); anything left keeps its row and is done at the next start. */
    void close(Duration wait) {
        synchronized (workers) {
            closing = true;
            if (!started) {
                return;
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
