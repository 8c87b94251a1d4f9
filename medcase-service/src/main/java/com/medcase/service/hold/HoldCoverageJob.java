package com.medcase.service.hold;

import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.hold.LegalHolds;
import com.medcase.service.scheduling.GovernanceJob;
import com.medcase.service.scheduling.SchedulingProperties;
import com.medcase.store.hold.JdbcHoldRepository;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that every record in the scope of an active case or claimant hold is in the hold and adds the
 * ones that are not (filing-time coverage normally does it; a crash between filing and the listener is
 * what this repairs), on behalf of whoever placed the hold. Also reports urgent holds still awaiting a
 * legal hold administrator's confirmation.
 */
@Component
class HoldCoverageJob implements GovernanceJob {

    private final JdbcHoldRepository holdState;
    private final LegalHolds holds;
    private final RecordAccessEnforcer enforcer;
    private final Duration period;

    HoldCoverageJob(JdbcHoldRepository holdState, LegalHolds holds, RecordAccessEnforcer enforcer, SchedulingProperties properties) {
        this.holdState = holdState;
        this.holds = holds;
        this.enforcer = enforcer;
        this.period = properties.holdCoveragePeriod();
    }

    @Override
    public String name() {
        return "hold-coverage";
    }

    @Override
    public String description() {
        return "Adds records of held cases and claimants that are missing from their holds; lists urgent holds awaiting confirmation";
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
        long added = 0;
        long failures = 0;
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
}
