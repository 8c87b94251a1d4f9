package com.medcase.cmis.embedded;

import org.apache.chemistry.opencmis.commons.data.Acl;
import org.apache.chemistry.opencmis.commons.data.ContentStream;
import org.apache.chemistry.opencmis.commons.data.ExtensionsData;
import org.apache.chemistry.opencmis.commons.data.FailedToDeleteData;
import org.apache.chemistry.opencmis.commons.data.ObjectData;
import org.apache.chemistry.opencmis.commons.data.ObjectInFolderData;
import org.apache.chemistry.opencmis.commons.data.ObjectInFolderList;
import org.apache.chemistry.opencmis.commons.data.Properties;
import org.apache.chemistry.opencmis.commons.data.PropertyData;
import org.apache.chemistry.opencmis.commons.enums.AclPropagation;
import org.apache.chemistry.opencmis.commons.enums.IncludeRelationships;
import org.apache.chemistry.opencmis.commons.enums.UnfileObject;
import org.apache.chemistry.opencmis.commons.exceptions.CmisConstraintException;
import org.apache.chemistry.opencmis.commons.exceptions.CmisPermissionDeniedException;
import org.apache.chemistry.opencmis.commons.server.CmisService;
import org.apache.chemistry.opencmis.commons.spi.Holder;
import org.apache.chemistry.opencmis.server.support.wrapper.AbstractCmisServiceWrapper;

import java.math.BigInteger;
import java.util.List;

/**
 * Stands in for Alfresco's {@code sys:undeletable} and for its permission to change permissions:
 * an object carrying {@code P:mc:legalHold} with hold ids cannot be deleted, have its content
 * changed, be moved or checked out, by anyone; its properties change only through the MedCase
 * service account (which releases holds). ACLs change only through the service account, which
 * keeps them equal to the consent projection.
 */
final class HoldEnforcingCmisService extends AbstractCmisServiceWrapper {

    static final String HOLD_ASPECT = "P:mc:legalHold";
    static final String HOLD_IDS = "mc:holdIds";

    private final String serviceUser;

    HoldEnforcingCmisService(CmisService service, String serviceUser) {
        super(service);
        this.serviceUser = serviceUser;
    }

    @Override
    public void deleteObject(String repositoryId, String objectId, Boolean allVersions, ExtensionsData extension) {
        refuseIfHeld(repositoryId, objectId, "deleted");
        super.deleteObject(repositoryId, objectId, allVersions, extension);
    }

    @Override
    public void deleteObjectOrCancelCheckOut(String repositoryId, String objectId, Boolean allVersions, ExtensionsData extension) {
        refuseIfHeld(repositoryId, objectId, "deleted");
        super.deleteObjectOrCancelCheckOut(repositoryId, objectId, allVersions, extension);
    }

    @Override
    public FailedToDeleteData deleteTree(String repositoryId, String folderId, Boolean allVersions, UnfileObject unfileObjects,
                                         Boolean continueOnFailure, ExtensionsData extension) {
        refuseIfHeld(repositoryId, folderId, "deleted");
        ObjectInFolderList children = getWrappedService().getChildren(repositoryId, folderId, "cmis:objectId", null, false,
                IncludeRelationships.NONE, "cmis:none", false, BigInteger.valueOf(100_000), BigInteger.ZERO, null);
        for (ObjectInFolderData child : children.getObjects()) {
            refuseIfHeld(repositoryId, child.getObject().getId(), "deleted with its folder");
        }
        return super.deleteTree(repositoryId, folderId, allVersions, unfileObjects, continueOnFailure, extension);
    }

    @Override
    public void setContentStream(String repositoryId, Holder<String> objectId, Boolean overwriteFlag, Holder<String> changeToken,
                                 ContentStream contentStream, ExtensionsData extension) {
        refuseIfHeld(repositoryId, objectId.getValue(), "given new content");
        super.setContentStream(repositoryId, objectId, overwriteFlag, changeToken, contentStream, extension);
    }

    @Override
    public void deleteContentStream(String repositoryId, Holder<String> objectId, Holder<String> changeToken, ExtensionsData extension) {
        refuseIfHeld(repositoryId, objectId.getValue(), "stripped of its content");
        super.deleteContentStream(repositoryId, objectId, changeToken, extension);
    }

    @Override
    public void appendContentStream(String repositoryId, Holder<String> objectId, Holder<String> changeToken,
                                    ContentStream contentStream, boolean isLastChunk, ExtensionsData extension) {
        refuseIfHeld(repositoryId, objectId.getValue(), "given new content");
        super.appendContentStream(repositoryId, objectId, changeToken, contentStream, isLastChunk, extension);
    }

    @Override
    public void updateProperties(String repositoryId, Holder<String> objectId, Holder<String> changeToken, Properties properties,
                                 ExtensionsData extension) {
        if (!isServiceUser()) {
            refuseIfHeld(repositoryId, objectId.getValue(), "edited");
        }
        super.updateProperties(repositoryId, objectId, changeToken, properties, extension);
    }

    @Override
    public void moveObject(String repositoryId, Holder<String> objectId, String targetFolderId, String sourceFolderId,
                           ExtensionsData extension) {
        refuseIfHeld(repositoryId, objectId.getValue(), "moved");
        super.moveObject(repositoryId, objectId, targetFolderId, sourceFolderId, extension);
    }

    @Override
    public void checkOut(String repositoryId, Holder<String> objectId, ExtensionsData extension, Holder<Boolean> contentCopied) {
        refuseIfHeld(repositoryId, objectId.getValue(), "checked out for a new version");
        super.checkOut(repositoryId, objectId, extension, contentCopied);
    }

    @Override
    public Acl applyAcl(String repositoryId, String objectId, Acl addAces, Acl removeAces, AclPropagation aclPropagation,
                        ExtensionsData extension) {
        requireServiceUser(objectId);
        return super.applyAcl(repositoryId, objectId, addAces, removeAces, aclPropagation, extension);
    }

    @Override
    public Acl applyAcl(String repositoryId, String objectId, Acl aces, AclPropagation aclPropagation) {
        requireServiceUser(objectId);
        return super.applyAcl(repositoryId, objectId, aces, aclPropagation);
    }

    private boolean isServiceUser() {
        return getCallContext() != null && serviceUser.equals(getCallContext().getUsername());
    }

    private void requireServiceUser(String objectId) {
        if (!isServiceUser()) {
            throw new CmisPermissionDeniedException("Permissions on " + objectId + " are managed by MedCase from the claimant's "
                    + "authorizations; change the authorization instead");
        }
    }

    private void refuseIfHeld(String repositoryId, String objectId, String what) {
        ObjectData object = getWrappedService().getObject(repositoryId, objectId, "cmis:secondaryObjectTypeIds," + HOLD_IDS, false,
                IncludeRelationships.NONE, "cmis:none", false, false, null);
        if (object.getProperties() == null) {
            return;
        }
        PropertyData<?> secondary = object.getProperties().getProperties().get("cmis:secondaryObjectTypeIds");
        PropertyData<?> holds = object.getProperties().getProperties().get(HOLD_IDS);
        boolean hasAspect = secondary != null && secondary.getValues().contains(HOLD_ASPECT);
        List<?> holdIds = holds == null ? List.of() : holds.getValues();
        if (hasAspect && !holdIds.isEmpty()) {
            throw new CmisConstraintException("Object " + objectId + " is under legal hold " + holdIds + " and cannot be " + what
                    + "; a legal hold administrator must release every hold on it first");
        }
    }
}
