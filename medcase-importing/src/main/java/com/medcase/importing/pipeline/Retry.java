package com.medcase.importing.pipeline;

import com.medcase.repository.RepositoryException;

import java.util.function.Supplier;

/**
 * Bounded retries with backoff for transient repository failures (a restarting repository, a
 * dropped connection). Anything else is not retried: bad input does not get better by repetition.
 */
public final class Retry {

    private Retry() {
    }

    public static <T> T transientFailures(int attempts, long firstBackoffMillis, Supplier<T> work) {
        long backoff = firstBackoffMillis;
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RepositoryException e) {
                if (!e.isTransient() || attempt >= attempts) {
                    throw e;
                }
                try {
                    Thread.sleep(backoff); // backoff between delivery attempts, not a wait for a route
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff *= 2;
            }
        }
    }
}
