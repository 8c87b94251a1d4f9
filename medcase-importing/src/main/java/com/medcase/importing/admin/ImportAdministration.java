package com.medcase.importing.admin;

import com.medcase.importing.pipeline.ImportOutcome;
import com.medcase.importing.pipeline.ImportPipeline;
import com.medcase.importing.pipeline.IncomingDocument;
import com.medcase.importing.pipeline.JdbcImportState;
import com.medcase.importing.pipeline.JdbcImportState.DeadLetter;
import com.medcase.importing.pipeline.JdbcImportState.ReviewItem;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.store.StoreSupport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an import administrator does: read the dead letters and the review queue, reprocess a dead
 * letter (its original bytes go through its route again), and resolve a review item by choosing
 * the case it belongs to.
 */
public final class ImportAdministration {

    /** The outcome of a reprocessing or a resolution, for the console. */
    public record Result(String id, boolean succeeded, String detail) { }

    private final JdbcImportState state;
    private final ImportPipeline pipeline;
    private final RecordRepository repository;
    private final Map<String, Reprocessor> reprocessors;

    public ImportAdministration(ImportPipeline pipeline, RecordRepository repository, List<Reprocessor> reprocessors) {
        this.state = pipeline.state();
        this.pipeline = pipeline;
        this.repository = repository;
        this.reprocessors = reprocessors.stream().collect(Collectors.toUnmodifiableMap(Reprocessor::route, Function.identity()));
    }

    public List<DeadLetter> deadLetters(int limit) {
        return state.deadLetters("NEW", limit);
    }

    public List<ReviewItem> reviewItems(int limit) {
        return state.openReviews(limit);
    }

    public Result reprocess(String deadLetterId) {
        return reprocess(deadLetterId, null, null);
    }

    public java.util.Optional<DeadLetter> deadLetter(String id) {
        return state.deadLetter(id);
    }

    public java.util.Optional<ReviewItem> reviewItem(String id) {
        return state.review(id);
    }

    /**
     * Reprocesses a dead letter; with {@code edited} bytes (an administrator's correction), those go through
     * the route and are kept beside the original, which stays as it was received. Without, an earlier
     * saved correction is used if there is one, else the original.
     */
    public Result reprocess(String deadLetterId, byte[] edited, String editedBy) {
        DeadLetter dl = state.deadLetter(deadLetterId)
                .orElseThrow(() -> new NoSuchElementException("No dead letter " + deadLetterId + "; list them with deadLetters()"));
        if (!"NEW".equals(dl.status())) {
            return new Result(deadLetterId, false, "already " + dl.status().toLowerCase());
        }
        Reprocessor r = reprocessors.get(dl.route());
        if (r == null) {
            return new Result(deadLetterId, false, "route " + dl.route() + " is not enabled on this node; enable it and retry");
        }
        if (edited != null) {
            state.saveEdit(deadLetterId, edited, editedBy);
        }
        byte[] input = edited != null ? edited : dl.edited() != null ? dl.edited() : dl.original();
        try {
            String outcome = r.reprocess(input);
            state.markReprocessed(deadLetterId, true, null);
            return new Result(deadLetterId, true, outcome);
        } catch (RuntimeException e) {
            state.markReprocessed(deadLetterId, false, e.getMessage());
            return new Result(deadLetterId, false, e.getMessage());
        }
    }

    /** Files a review item into the case a person chose (by case number) and closes the item. */
    public Result resolve(String reviewId, String caseNumber, String resolvedBy) {
        ReviewItem item = state.review(reviewId)
                .orElseThrow(() -> new NoSuchElementException("No review item " + reviewId + "; list them with reviewItems()"));
        if (!"OPEN".equals(item.status())) {
            return new Result(reviewId, false, "already " + item.status().toLowerCase());
        }
        CaseFolder target = repository.findCaseByNumber(caseNumber)
                .orElseThrow(() -> new IllegalArgumentException("No case " + caseNumber + "; check the case number and retry"));
        ImportOutcome outcome = pipeline.fileInto(target, document(item));
        state.resolveReview(reviewId, caseNumber, resolvedBy);
        return new Result(reviewId, true, outcome.kind() + " " + outcome.recordId());
    }

    @SuppressWarnings("unchecked")
    static IncomingDocument document(ReviewItem item) {
        Map<String, Object> d = StoreSupport.fromJson(item.documentJson(), Map.class);
        return new IncomingDocument(item.route(), item.messageId(), item.receivedAt(), (String) d.get("claimNumber"),
                (String) d.get("claimantFamilyName"), (String) d.get("claimantGivenName"), date(d.get("claimantDateOfBirth")),
                (String) d.get("category"), Set.copyOf((List<String>) d.getOrDefault("sensitivityLabels", List.of())),
                date(d.get("serviceFrom")), date(d.get("serviceTo")), (String) d.get("providerName"), (String) d.get("providerNpi"),
                (String) d.get("fileName"), (String) d.get("mimeType"), item.content());
    }

    private static LocalDate date(Object o) {
        return o == null ? null : LocalDate.parse(o.toString());
    }
}
