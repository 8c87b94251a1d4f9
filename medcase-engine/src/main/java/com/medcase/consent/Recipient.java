package com.medcase.consent;

import java.util.Objects;

/**
 * Who may receive information, in the forms 45 CFR 164.508(c)(1)(iii) and 42 CFR 2.31(a)(4) as amended
 * in 2024 allow: a named person (a user authority), an entity such as a law firm, or a specifically
 * identified class of persons. An entity or a class is a group authority (e.g.
 * {@code GROUP_FIRM_SMITH_LLP}): its members are exactly who it covers, both at request time and in
 * the ACL projection. An open-ended class ("any attorney representing me") names no one and is
 * refused by the validator; the engine never lets it permit.
 *
 * @param authority  the user or group authority; for an open-ended class, the words of the form
 * @param partyClass the authority is a group whose members are covered (entity or class)
 * @param form       which of the forms above; derived from {@code partyClass} when absent (stored bodies)
 */
public record Recipient(String authority, boolean partyClass, Form form) {

    public enum Form {
        /** A named person: the authority is that user. */
        PERSON,
        /** An organization (a law firm, an insurer): the authority is its group, all members covered. */
        ENTITY,
        /** A specifically identified class of persons: the authority is the group that lists them. */
        CLASS,
        /** A class described only in words, with no identified members: never a valid recipient. */
        OPEN_CLASS
    }

    public Recipient {
        Objects.requireNonNull(authority, "authority");
        if (form == null) {
            form = partyClass ? Form.CLASS : Form.PERSON;
        }
        // The flag and the form must not disagree: members of a group are covered only for group forms.
        partyClass = form != Form.PERSON;
    }

    /** A person or a class (the pre-2024 shape, kept for stored bodies and callers). */
    public Recipient(String authority, boolean partyClass) {
        this(authority, partyClass, null);
    }

    public static Recipient named(String userId) {
        return new Recipient(userId, false, Form.PERSON);
    }

    public static Recipient classOf(String groupAuthority) {
        return new Recipient(groupAuthority, true, Form.CLASS);
    }

    public static Recipient entity(String groupAuthority) {
        return new Recipient(groupAuthority, true, Form.ENTITY);
    }

    public static Recipient openEndedClass(String description) {
        return new Recipient(description, true, Form.OPEN_CLASS);
    }

    /** Whether the recipient identifies who it covers (164.508(c)(1)(iii), 2.31(a)(4)). */
    public boolean specificallyIdentified() {
        return form != Form.OPEN_CLASS;
    }
}
