package com.medcase.cmis.embedded;

import com.medcase.model.ModelDefinitions;
import com.medcase.model.ModelDefinitions.ClassDef;
import com.medcase.model.ModelDefinitions.PropertyDef;
import org.apache.chemistry.opencmis.commons.definitions.MutablePropertyDefinition;
import org.apache.chemistry.opencmis.commons.definitions.MutableTypeDefinition;
import org.apache.chemistry.opencmis.commons.definitions.TypeDefinition;
import org.apache.chemistry.opencmis.commons.enums.Cardinality;
import org.apache.chemistry.opencmis.commons.enums.CmisVersion;
import org.apache.chemistry.opencmis.commons.enums.PropertyType;
import org.apache.chemistry.opencmis.commons.enums.Updatability;
import org.apache.chemistry.opencmis.inmemory.TypeCreator;
import org.apache.chemistry.opencmis.inmemory.types.DocumentTypeCreationHelper;
import org.apache.chemistry.opencmis.server.support.TypeDefinitionFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates the CMIS types of the embedded repository from the MedCase model XML, with the ids ACS's
 * CMIS mapping uses: {@code D:mc:medicalRecord}, {@code F:mc:case}, {@code P:mc:legalHold}, and
 * property ids equal to the prefixed model names. So the adapter speaks the same dialect to both.
 */
public final class MedCaseTypeCreator implements TypeCreator {

    @Override
    public List<TypeDefinition> createTypesList() {
        return generate(ModelDefinitions.load());
    }

    static List<TypeDefinition> generate(ModelDefinitions model) {
        TypeDefinitionFactory factory = DocumentTypeCreationHelper.getTypeDefinitionFactory();
        List<TypeDefinition> types = new ArrayList<>();
        for (ClassDef c : model.classes().values()) {
            MutableTypeDefinition type = switch (c.kind()) {
                case ASPECT -> factory.createSecondaryTypeDefinition(CmisVersion.CMIS_1_1, "cmis:secondary");
                case TYPE -> isFolder(c, model)
                        ? factory.createFolderTypeDefinition(CmisVersion.CMIS_1_1, "cmis:folder")
                        : factory.createDocumentTypeDefinition(CmisVersion.CMIS_1_1, "cmis:document");
            };
            if (type instanceof org.apache.chemistry.opencmis.commons.definitions.MutableDocumentTypeDefinition doc) {
                // Not versionable here (ACS versions cm:content): the InMemory server's new versions lose
                // their secondary types, so holds and sensitivity could not be kept on them (verified).
                doc.setIsVersionable(false);
            }
            String id = cmisTypeId(c, model);
            type.setId(id);
            type.setLocalName(c.name());
            type.setQueryName(c.name());
            type.setDisplayName(c.name());
            type.setDescription("Generated from the MedCase model: " + c.name());
            for (PropertyDef p : c.properties().values()) {
                // Aspect properties are not "required" here: the InMemory server would refuse to clear
                // them, and it keeps them after the aspect is removed, which leaves the object unreadable.
                // MedCase always sets them when it adds an aspect.
                type.addPropertyDefinition(property(factory, p, c.kind() == ModelDefinitions.ClassKind.TYPE && p.mandatory()));
            }
            types.add(type);
        }
        return types;
    }

    /** ACS's CMIS type id for a model class. */
    public static String cmisTypeId(ClassDef c, ModelDefinitions model) {
        return switch (c.kind()) {
            case ASPECT -> "P:" + c.name();
            case TYPE -> (isFolder(c, model) ? "F:" : "D:") + c.name();
        };
    }

    static boolean isFolder(ClassDef c, ModelDefinitions model) {
        String parent = c.parent();
        while (parent != null && model.classes().containsKey(parent)) {
            parent = model.classes().get(parent).parent();
        }
        return "cm:folder".equals(parent);
    }

    private static MutablePropertyDefinition<?> property(TypeDefinitionFactory factory, PropertyDef p, boolean required) {
        PropertyType type = switch (p.dataType()) {
            case "d:int", "d:long" -> PropertyType.INTEGER;
            case "d:float", "d:double" -> PropertyType.DECIMAL;
            case "d:date", "d:datetime" -> PropertyType.DATETIME;
            case "d:boolean" -> PropertyType.BOOLEAN;
            default -> PropertyType.STRING;
        };
        Cardinality cardinality = p.multiple() ? Cardinality.MULTI : Cardinality.SINGLE;
        MutablePropertyDefinition<?> def = factory.createPropertyDefinition(p.name(), p.name(), p.name(), type, cardinality,
                Updatability.READWRITE, false, required, true, !p.multiple());
        def.setLocalName(p.name());
        def.setQueryName(p.name());
        return def;
    }
}
