package com.medcase.repository.alfresco;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Alfresco repository is and who MedCase is there.
 *
 * @param baseUrl    ACS's web application, e.g. {@code https://acs.example/alfresco}; the REST roots
 *                   ({@code /api/-default-/public/alfresco/versions/1}, {@code .../gs/versions/1},
 *                   {@code .../authentication/versions/1}) hang under it, as in ACS's published API
 * @param username   the service account; an ACS administrator, because creating groups and changing
 *                   their members is reserved to administrators (GroupsImpl)
 * @param rootPath   MedCase's folder under Company Home, e.g. {@code MedCase}
 * @param parallelism how many calls bulk operations (ACL projection over a case) may have in flight
 */
public record AlfrescoSettings(URI baseUrl, String username, char[] password, String rootPath, Duration timeout, int parallelism) {
    public AlfrescoSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        rootPath = rootPath == null || rootPath.isBlank() ? "MedCase" : rootPath.replaceAll("^/+|/+$", "");
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        parallelism = parallelism <= 0 ? 4 : parallelism;
    }

    public static AlfrescoSettings of(URI baseUrl, String username, char[] password) {
        return new AlfrescoSettings(baseUrl, username, password, "MedCase", null, 4);
    }

    @Override
    public String toString() {
        return "AlfrescoSettings[" + baseUrl + " as " + username + ", root " + rootPath + "]";
    }
}
