package com.medcase.cmis.embedded;

import org.apache.chemistry.opencmis.commons.server.CallContext;
import org.apache.chemistry.opencmis.commons.server.CmisService;
import org.apache.chemistry.opencmis.inmemory.server.InMemoryServiceFactoryImpl;
import org.apache.chemistry.opencmis.server.support.wrapper.CallContextAwareCmisService;

/** The InMemory service factory, with every service wrapped in hold and permission enforcement. */
final class MedCaseServiceFactory extends InMemoryServiceFactoryImpl {

    private final String serviceUser;

    MedCaseServiceFactory(String serviceUser) {
        this.serviceUser = serviceUser;
    }

    @Override
    public CmisService getService(CallContext context) {
        HoldEnforcingCmisService service = new HoldEnforcingCmisService(super.getService(context), serviceUser);
        ((CallContextAwareCmisService) service).setCallContext(context);
        return service;
    }
}
