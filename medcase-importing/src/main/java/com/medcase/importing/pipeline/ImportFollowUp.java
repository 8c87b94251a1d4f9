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
 * Runs the {@link ImportedRecordListener} after the sender's acknowledgement, in batches, on one background thread,
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

    static final int CAPACITY = 10_000;
    static final int BATCH = 200;

    private record Item(String claimKey, StoredRecord record) { }

    private final ImportedRecordListener listener;
    private final JdbcImportState state;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread worker;
    private volatile boolean closing;

    ImportFollowUp(ImportedRecordListener listener, JdbcImportState state) {
        this.listener = listener;
        this.state = state;
        this.worker = new Thread(this::run, "medcase-import-follow-up");
        this.worker.setDaemon(true);
    }

    /** Queues a filed record's follow-up; waits when the queue is full. */
    void submit(String claimKey, StoredRecord record) {
        synchronized (worker) {
            if (worker.getState() == Thread.State.NEW && !closing) {
                worker.start();
            }
        }
        try {
            queue.put(new Item(claimKey, record));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // its row stays: the recovery does it
        }
    }

    /** Runs the listener for these records now, on the caller's thread, and marks them done (the crash recovery). */
    void runNow(Map<String, StoredRecord> byClaimKey) {
        if (byClaimKey.isEmpty()) {
            return;
        }
        listener.recordsImported(List.copyOf(byClaimKey.values()));
        state.followedUp(byClaimKey.keySet());
    }

    /** Follow-ups queued and not done on this node (monitoring). */
    int queued() {
        return queue.size();
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
                queue.drainTo(batch, BATCH - 1);
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
                batch.clear();
            }
        }
    }

    /** Finishes what is queued (up to {@code wait}); anything left keeps its row and is done at the next start. */
    void close(Duration wait) {
        closing = true;
        synchronized (worker) {
            if (worker.getState() == Thread.State.NEW) {
                return;
            }
        }
        try {
            worker.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
