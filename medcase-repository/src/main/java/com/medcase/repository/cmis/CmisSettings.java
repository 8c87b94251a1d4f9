package com.medcase.repository.cmis;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to reach the repository and where MedCase keeps its folders.
 *
 * @param browserUrl   CMIS 1.1 browser binding URL, e.g. {@code .../alfresco/api/-default-/public/cmis/versions/1.1/browser}
 * @param rootPath     the folder holding {@code Cases/} and {@code Claimants/}, created if missing
 * @param groupMembers for the embedded flavor only: group authority to member user ids
 */
public record CmisSettings(String browserUrl, String repositoryId, String username, String password, RepositoryFlavor flavor,
                           String rootPath, Map<String, Set<String>> groupMembers) {
    public CmisSettings {
        Objects.requireNonNull(browserUrl, "browserUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(flavor, "flavor");
        rootPath = rootPath == null ? "/MedCase" : rootPath;
        groupMembers = groupMembers == null ? Map.of() : Map.copyOf(groupMembers);
    }

    @Override
    public String toString() {
        // Never print the password.
        return "CmisSettings[" + browserUrl + ", repository=" + repositoryId + ", user=" + username + ", " + flavor + "]";
    }
}
