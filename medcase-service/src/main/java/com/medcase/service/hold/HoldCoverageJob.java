package com.medcase.service.hold;

import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.hold.LegalHolds;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NodeNotFoundException;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
import com.medcase.service.scheduling.GovernanceJob;
import com.medcase.service.scheduling.SchedulingProperties;
import com.medcase.store.hold.JdbcHoldRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that every record in the scope of an active case, claimant or saved-query hold is in the hold and
 * adds the ones that are not (filing-time coverage normally does it; a crash between filing and the
 * listener is what this repairs), on behalf of whoever placed the hold. Also reports urgent holds still
 * awaiting a legal hold administrator's confirmation.
 * <p>
 * A saved query ({@link RecordQuery}) is decided as at filing time, on the record and its case folder from
 * the repository; the retention facts narrow the candidates first (category, jurisdiction, claimant), so
 * only records that may match are read.
 */
@Component
class HoldCoverageJob implements GovernanceJob {

    private final JdbcHoldRepository holdState;
    private final LegalHolds holds;
    private final RecordAccessEnforcer enforcer;
    private final ObjectProvider<RecordRepository> repository;
    private final Duration period;

    /** Records read per run for query scopes, at most: the rest are checked by the next run. */
    static final int QUERY_CANDIDATES_PER_RUN = 10_000;

    HoldCoverageJob(JdbcHoldRepository holdState, LegalHolds holds, RecordAccessEnforcer enforcer, ObjectProvider<RecordRepository> repository,
                    SchedulingProperties properties) {
        this.holdState = holdState;
        this.holds = holds;
        this.enforcer = enforcer;
        this.repository = repository;
        this.period = properties.holdCoveragePeriod();
    }

    @Override
    public String name() {
        return "hold-coverage";
    }

    @Override
    public String description() {
        return "Adds records of held cases, claimants and saved queries that are missing from their holds; lists urgent holds awaiting confirmation";
    }

    @Override
    public Duration period() {
        return period;
    }

    @Override
    public Result run() {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (JdbcHoldRepository.HoldItem m : holdState.missingFromScopes(10_000)) {
            missing.computeIfAbsent(m.holdId(), k -> new TreeSet<>()).add(m.itemId());
        }
        long failures = missingFromQueryScopes(missing);
        long added = 0;
        for (Map.Entry<String, Set<String>> e : missing.entrySet()) {
            try {
                CaseHoldCoverage.cover(holds, holdState, enforcer, e.getKey(), e.getValue(), name());
                added += e.getValue().size();
            } catch (RuntimeException ex) {
                failures += e.getValue().size();
            }
        }
        Map<String, String> unconfirmed = holdState.unconfirmed();
        return new Result(added, failures, unconfirmed.isEmpty() ? null : "urgent holds awaiting confirmation: " + unconfirmed.keySet());
    }

    /**
     * Adds to {@code missing} the records each active query-scoped hold selects and does not hold. Returns
     * how many candidates could not be read (the repository unreachable: the next run tries again).
     */
    private long missingFromQueryScopes(Map<String, Set<String>> missing) {
        RecordRepository repo = repository.getIfAvailable();
        if (repo == null) {
            return 0;
        }
        long unreadable = 0;
        int budget = QUERY_CANDIDATES_PER_RUN;
        Map<String, CaseFolder> cases = new HashMap<>();
        for (JdbcHoldRepository.HoldItem scoped : holdState.activeItemsWithPrefix("query:")) {
            RecordQuery query;
            try {
                query = RecordQuery.parse(scoped.itemId().substring("query:".length()));
            } catch (IllegalArgumentException unreadableQuery) {
                unreadable++;
                continue;
            }
            Map<String, String> c = query.clauses();
            String after = "";
            while (budget > 0) {
                List<JdbcHoldRepository.ScopeCandidate> page = holdState.queryScopeCandidates(scoped.holdId(), c.get("category"),
                        c.get("jurisdiction"), c.get("claimant"), after, Math.min(budget, 1_000));
                if (page.isEmpty()) {
                    break;
                }
                budget -= page.size();
                for (JdbcHoldRepository.ScopeCandidate candidate : page) {
                    after = candidate.recordId();
                    try {
                        CaseFolder folder = cases.computeIfAbsent(candidate.caseFolderId(), repo::getCase);
                        StoredRecord record = repo.getRecord(candidate.recordId());
                        if (query.matches(record, folder)) {
                            missing.computeIfAbsent(scoped.holdId(), k -> new TreeSet<>()).add(record.id());
                        }
                    } catch (NodeNotFoundException gone) {
                        // destroyed or deleted since its facts were written: nothing left to hold
                    } catch (RuntimeException e) {
                        unreadable++;
                    }
                }
            }
        }
        return unreadable;
    }
}
