package com.medcase.importing.pipeline;

import com.medcase.repository.RepositoryException;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

import java.util.function.Supplier;

/**
 * The one retry policy of every import channel: Camel's {@link RedeliveryPolicy} (maximum redeliveries,
 * first delay, exponential backoff with a multiplier, maximum delay), built once from
 * {@code medcase.importing.retries} and applied to transient repository failures (a restarting
 * repository, a dropped connection; a claim in flight elsewhere) wherever a document is filed: HL7 while
 * the sender waits for its ACK, FHIR posts and polls, file drops. Anything else is not retried: bad
 * input does not get better by repetition. The delays are Camel's own
 * ({@link RedeliveryPolicy#calculateRedeliveryDelay}), so the configured backoff means the same everywhere.
 */
public final class Retry {

    /** How the wait between attempts is made (tests record it instead of sleeping). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private Retry() {
    }

    /** Camel's redelivery policy for {@code attempts} deliveries (first one included), starting at {@code firstBackoffMillis}. */
    public static RedeliveryPolicy policy(int attempts, long firstBackoffMillis, double multiplier, long maxBackoffMillis) {
        RedeliveryPolicy p = new RedeliveryPolicy();
        p.maximumRedeliveries(Math.max(0, attempts - 1));
        p.redeliveryDelay(firstBackoffMillis);
        p.useExponentialBackOff();
        p.backOffMultiplier(multiplier);
        p.maximumRedeliveryDelay(maxBackoffMillis);
        return p;
    }

    public static <T> T transientFailures(int attempts, long firstBackoffMillis, Supplier<T> work) {
        return transientFailures(policy(attempts, firstBackoffMillis, 2, 60_000), Thread::sleep, work);
    }

    public static <T> T transientFailures(RedeliveryPolicy policy, Supplier<T> work) {
        return transientFailures(policy, Thread::sleep, work);
    }

    public static <T> T transientFailures(RedeliveryPolicy policy, Sleeper sleeper, Supplier<T> work) {
        long delay = 0;
        for (int redelivery = 0; ; redelivery++) {
            try {
                return work.get();
            } catch (RepositoryException e) {
                if (!e.isTransient() || redelivery >= policy.getMaximumRedeliveries()) {
                    throw e;
                }
                delay = policy.calculateRedeliveryDelay(delay, redelivery + 1);
                try {
                    sleeper.sleep(delay); // backoff between delivery attempts, not a wait for a route
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
