package com.medcase.enforcement;

import com.medcase.model.MedCaseModel;
import com.medcase.repository.embedded.EmbeddedCmisServerProcess;
import com.medcase.repository.embedded.EmbeddedCmisServerProcess.User;
import org.apache.chemistry.opencmis.client.api.Session;
import org.apache.chemistry.opencmis.client.runtime.SessionFactoryImpl;
import org.apache.chemistry.opencmis.commons.SessionParameter;
import org.apache.chemistry.opencmis.commons.enums.BindingType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Starts the real embedded repository process with the people the tests log in as. */
public final class EmbeddedRepositoryFixture {

    public static final String MANAGER = "m.jones";
    public static final String CLERK = "c.smith";
    public static final String HOLD_ADMIN = "h.admin";
    public static final String ADJUSTER = "adjuster1";
    /** Test-only passwords for throwaway users of a throwaway server process. */
    static final Map<String, String> PASSWORDS = Map.of(MANAGER, "manager-pw-1", CLERK, "clerk-pw-1", HOLD_ADMIN, "hold-pw-1", ADJUSTER, "adjuster-pw-1");

    private EmbeddedRepositoryFixture() {
    }

    public static EmbeddedCmisServerProcess start() throws Exception {
        String jar = System.getProperty("medcase.cmis.server.jar", "../medcase-cmis-embedded/target/medcase-cmis-embedded.jar");
        return EmbeddedCmisServerProcess.start(Path.of(jar), List.of(
                new User(MANAGER, PASSWORDS.get(MANAGER).toCharArray(), Set.of(MedCaseModel.GROUP_RECORDS_MANAGERS)),
                new User(CLERK, PASSWORDS.get(CLERK).toCharArray(), Set.of(MedCaseModel.GROUP_RECORDS_CLERKS)),
                new User(HOLD_ADMIN, PASSWORDS.get(HOLD_ADMIN).toCharArray(), Set.of(MedCaseModel.GROUP_LEGAL_HOLD_ADMINISTRATORS)),
                new User(ADJUSTER, PASSWORDS.get(ADJUSTER).toCharArray(), Set.of())), Duration.ofSeconds(60));
    }

    /** A CMIS session over HTTP as one of the users, with their own credentials. */
    public static Session loginAs(EmbeddedCmisServerProcess server, String user) {
        Map<String, String> params = new HashMap<>();
        params.put(SessionParameter.BINDING_TYPE, BindingType.BROWSER.value());
        params.put(SessionParameter.BROWSER_URL, server.browserUrl());
        params.put(SessionParameter.USER, user);
        params.put(SessionParameter.PASSWORD, PASSWORDS.get(user));
        params.put(SessionParameter.REPOSITORY_ID, "medcase");
        Session session = SessionFactoryImpl.newInstance().createSession(params);
        session.getDefaultContext().setCacheEnabled(false);
        return session;
    }
}
