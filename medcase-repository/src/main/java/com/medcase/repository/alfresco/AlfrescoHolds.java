package com.medcase.repository.alfresco;

import com.medcase.repository.RepositoryHolds;
import org.alfresco.governance.core.model.HoldChild;
import org.alfresco.governance.core.model.HoldDeletionReason;
import org.alfresco.governance.core.model.HoldCreateBodyModel;
import org.alfresco.governance.core.model.HoldModelEntry;
import org.alfresco.governance.core.model.HoldPaging;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static com.medcase.repository.alfresco.AlfrescoHttp.enc;

/**
 * MedCase holds as native Governance Services holds (gs-core-api.yaml, ACS/AGS 23.3 or later): one GS
 * hold per MedCase hold, named by the MedCase hold id. Adding a document to a hold freezes it
 * ({@code rma:frozen}); ACS then refuses delete, move, update and content change to everyone
 * (FrozenAspect) until the last hold containing it is released (HoldServiceImpl).
 */
public final class AlfrescoHolds implements RepositoryHolds {

    private static final int BATCH = 100;
    private static final String FILE_PLAN = "/file-plans/-filePlan-/holds";
    private final AlfrescoHttp http;
    private final Map<String, String> gsIdByHold = new ConcurrentHashMap<>();

    public AlfrescoHolds(AlfrescoHttp http) {
        this.http = http;
    }

    @Override
    public String ensureHold(String holdId, String name, String reason) {
        return gsIdByHold.computeIfAbsent(holdId, id -> find(id).orElseGet(() -> {
            HoldCreateBodyModel hold = new HoldCreateBodyModel().name(id).description(name).reason(reason);
            return http.gs("POST", FILE_PLAN, hold, HoldModelEntry.class).getEntry().getId();
        }));
    }

    @Override
    public void addToHold(String holdId, Collection<String> recordIds) {
        String gsId = gsId(holdId);
        List<String> ids = List.copyOf(recordIds);
        // The API takes a list of children per call and answers 201 for a child already in the hold.
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<HoldChild> batch = ids.subList(from, Math.min(ids.size(), from + BATCH)).stream().map(id -> new HoldChild().id(id)).toList();
            http.gs("POST", "/holds/" + enc(gsId) + "/children", batch, null);
        }
    }

    @Override
    public void removeFromHold(String holdId, Collection<String> recordIds) {
        Optional<String> gsId = Optional.ofNullable(gsIdByHold.get(holdId)).or(() -> find(holdId));
        if (gsId.isEmpty()) {
            return; // never reached the repository: nothing was frozen by it
        }
        for (String id : recordIds) {
            try {
                // HoldsChildrenRelation.delete -> HoldServiceImpl.removeFromHold: rma:frozen goes with the last hold.
                http.gs("DELETE", "/holds/" + enc(gsId.get()) + "/children/" + enc(id), null, null);
            } catch (AlfrescoApiException e) {
                if (e.status() != 404) {
                    throw e; // 404: not in the hold (or gone), which is what was asked
                }
            }
        }
    }

    @Override
    public void releaseHold(String holdId, String reason) {
        Optional<String> gsId = Optional.ofNullable(gsIdByHold.get(holdId)).or(() -> find(holdId));
        if (gsId.isEmpty()) {
            return; // never reached the repository: nothing was frozen by it
        }
        http.gs("POST", "/holds/" + enc(gsId.get()) + "/delete", new HoldDeletionReason().reason(reason), null);
        gsIdByHold.remove(holdId);
    }

    private String gsId(String holdId) {
        String id = gsIdByHold.get(holdId);
        if (id != null) {
            return id;
        }
        return find(holdId).map(found -> {
            gsIdByHold.put(holdId, found);
            return found;
        }).orElseThrow(() -> new com.medcase.repository.RepositoryException("Hold " + holdId
                + " does not exist in Governance Services; create it first"));
    }

    private Optional<String> find(String holdId) {
        for (int skip = 0; ; skip += 500) {
            HoldPaging page = http.gs("GET", FILE_PLAN + "?skipCount=" + skip + "&maxItems=500", null, HoldPaging.class);
            for (var e : page.getList().getEntries()) {
                if (holdId.equals(e.getEntry().getName())) {
                    return Optional.of(e.getEntry().getId());
                }
            }
            if (!Boolean.TRUE.equals(page.getList().getPagination().isHasMoreItems())) {
                return Optional.empty();
            }
        }
    }
}
