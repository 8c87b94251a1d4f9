package com.medcase.service.config;

import com.medcase.consent.Recipient;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.AuthorityDirectory;
import com.medcase.repository.alfresco.AlfrescoAuthorityDirectory;
import com.medcase.service.security.ConfiguredUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who exists in the repository. Against ACS, its directory (LDAP, SSO…) is the truth: a recipient who
 * is not an ACS user or group is refused with a clear message, because ACS refuses an ACL or a group
 * naming an authority it does not know. In the embedded default the repository's people are the
 * service's configured users (with their records-team groups) and the recipients of authorizations,
 * created on first use.
 */
@Component
public class RepositoryDirectory {

    private static final Logger log = LoggerFactory.getLogger(RepositoryDirectory.class);

    private final AuthorityDirectory directory;
    private final boolean embedded;

    RepositoryDirectory(AuthorityDirectory directory, MedCaseProperties properties, ObjectProvider<ConfiguredUsers> users) {
        this.directory = directory;
        this.embedded = properties.repository().embedded();
        if (embedded) {
            users.ifAvailable(this::syncConfiguredUsers);
        }
    }

    /** Makes sure a recipient can be a group member, or says why it cannot. */
    public void prepare(Recipient recipient) {
        String authority = recipient.authority();
        if (directory.exists(authority)) {
            return;
        }
        if (!embedded) {
            throw new IllegalArgumentException("Recipient '" + authority + "' is not a user or group in ACS; create it there (or sync it"
                    + " from the directory) before authorizing it");
        }
        if (authority.startsWith("GROUP_")) {
            directory.ensureGroup(authority, authority.substring("GROUP_".length()));
        } else {
            ((AlfrescoAuthorityDirectory) directory).ensurePerson(authority, authority);
        }
    }

    private void syncConfiguredUsers(ConfiguredUsers users) {
        AlfrescoAuthorityDirectory alfresco = (AlfrescoAuthorityDirectory) directory;
        int count = 0;
        for (var user : users.users()) {
            alfresco.ensurePerson(user.getUsername(), user.getUsername());
            for (var granted : user.getAuthorities()) {
                String group = granted.getAuthority();
                if (group.equals(MedCaseModel.GROUP_RECORDS_MANAGERS) || group.equals(MedCaseModel.GROUP_RECORDS_CLERKS)
                        || group.equals(MedCaseModel.GROUP_LEGAL_HOLD_ADMINISTRATORS)) {
                    directory.ensureGroup(group, group);
                    directory.addMember(group, user.getUsername());
                }
            }
            count++;
        }
        log.info("Embedded repository directory: {} configured users present with their records-team groups", count);
    }
}
