package com.medcase.consent;

import com.medcase.model.MedCaseModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.medcase.consent.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class ReadersProjectionTest {

    final ReadersProjection projection = new ReadersProjection(new ConsentEngine());

    @Test
    void recordsTeamAndAuthorizedPartiesAreProjected() {
        Authorization a = general("A-1", Recipient.named("adjuster1"), permitAll());
        Authorization firm = general("A-2", Recipient.classOf("GROUP_DEFENSE_FIRM"), permit("imaging"));
        Set<ReaderGrant> grants = projection.readersOf(record("clinicalNotes"), ClaimantConsents.of(CLAIMANT, List.of(a, firm)), NOW);
        assertThat(grants).containsExactlyInAnyOrder(
                new ReaderGrant(MedCaseModel.GROUP_RECORDS_MANAGERS, ReaderGrant.Level.WRITE),
                new ReaderGrant(MedCaseModel.GROUP_RECORDS_CLERKS, ReaderGrant.Level.WRITE),
                new ReaderGrant("adjuster1", ReaderGrant.Level.READ));
    }

    @Test
    void protectedCategoriesLeaveClerksOut() {
        Set<ReaderGrant> grants = projection.readersOf(record("psychotherapyNotes"), ClaimantConsents.of(CLAIMANT, List.of()), NOW);
        assertThat(grants).containsExactly(new ReaderGrant(MedCaseModel.GROUP_RECORDS_MANAGERS, ReaderGrant.Level.WRITE));
    }

    @Test
    void revokingReprojectsOnlyAffectedRecordsAndRemovesTheParty() {
        Authorization imagingOnly = general("A-1", Recipient.named("adjuster1"), permit("imaging"));
        List<RecordFacts> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(new RecordFacts("R-" + i, CLAIMANT, i % 2 == 0 ? "imaging" : "billing", Set.of(), null, null));
        }
        Authorization revoked = imagingOnly.revoke(new Revocation(NOW, "m", "letter"));
        Map<String, Set<ReaderGrant>> changes = projection.reproject(revoked, ClaimantConsents.of(CLAIMANT, List.of(revoked)), records, NOW);
        assertThat(changes).containsOnlyKeys("R-0", "R-2", "R-4", "R-6", "R-8");
        changes.values().forEach(g -> assertThat(g).extracting(ReaderGrant::authority).doesNotContain("adjuster1"));
    }
}
