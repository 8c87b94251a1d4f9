-- The embedded Alfresco stand-in's repository schema. Portable between H2 2.x and PostgreSQL:
-- times are epoch milliseconds, properties are the JSON form the REST API returns.

CREATE TABLE ae_node (
    id                 VARCHAR(36)   NOT NULL PRIMARY KEY,
    parent_id          VARCHAR(36),
    name               VARCHAR(255)  NOT NULL,
    name_key           VARCHAR(255)  NOT NULL,
    node_type          VARCHAR(120)  NOT NULL,
    is_folder          BOOLEAN       NOT NULL,
    aspects            VARCHAR(4000) NOT NULL,
    props              VARCHAR       NOT NULL,
    inherit            BOOLEAN       NOT NULL,
    has_aces           BOOLEAN       NOT NULL,
    owner_id           VARCHAR(255),
    created_at         BIGINT        NOT NULL,
    created_by         VARCHAR(255)  NOT NULL,
    modified_at        BIGINT        NOT NULL,
    modified_by        VARCHAR(255)  NOT NULL,
    content_url        VARCHAR(300),
    mime_type          VARCHAR(200),
    content_size       BIGINT,
    encoding           VARCHAR(60),
    archived           BOOLEAN       NOT NULL,
    archived_root      BOOLEAN       NOT NULL,
    archived_at        BIGINT,
    archived_by        VARCHAR(255),
    archived_parent_id VARCHAR(36)
);
-- Unique name within a folder (case-insensitive as ACS's cm:contains); also serves child listings by name.
CREATE UNIQUE INDEX ae_node_parent_name ON ae_node (parent_id, name_key);
CREATE INDEX ae_node_parent_folder_name ON ae_node (parent_id, is_folder, name_key);
CREATE INDEX ae_node_archived_root ON ae_node (archived_root, archived_at);

CREATE TABLE ae_ace (
    node_id    VARCHAR(36)  NOT NULL,
    authority  VARCHAR(255) NOT NULL,
    permission VARCHAR(120) NOT NULL,
    allowed    BOOLEAN      NOT NULL,
    seq        INT          NOT NULL,
    PRIMARY KEY (node_id, authority, permission)
);

CREATE TABLE ae_person (
    id         VARCHAR(255) NOT NULL PRIMARY KEY,
    id_key     VARCHAR(255) NOT NULL,
    first_name VARCHAR(255) NOT NULL,
    last_name  VARCHAR(255),
    email      VARCHAR(255) NOT NULL,
    pw_hash    VARCHAR(400) NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    created_at BIGINT       NOT NULL
);
CREATE UNIQUE INDEX ae_person_key ON ae_person (id_key);

CREATE TABLE ae_group (
    id           VARCHAR(255) NOT NULL PRIMARY KEY,
    id_key       VARCHAR(255) NOT NULL,
    display_name VARCHAR(255) NOT NULL,
    description  VARCHAR(1000),
    created_at   BIGINT       NOT NULL
);
CREATE UNIQUE INDEX ae_group_key ON ae_group (id_key);

CREATE TABLE ae_member (
    group_id    VARCHAR(255) NOT NULL,
    member_id   VARCHAR(255) NOT NULL,
    member_type VARCHAR(6)   NOT NULL,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX ae_member_member ON ae_member (member_id);

CREATE TABLE ae_version (
    node_id      VARCHAR(36)   NOT NULL,
    label        VARCHAR(20)   NOT NULL,
    seq          INT           NOT NULL,
    version_comment VARCHAR(2000),
    name         VARCHAR(255)  NOT NULL,
    node_type    VARCHAR(120)  NOT NULL,
    aspects      VARCHAR(4000) NOT NULL,
    props        VARCHAR       NOT NULL,
    modified_at  BIGINT        NOT NULL,
    modified_by  VARCHAR(255)  NOT NULL,
    content_url  VARCHAR(300),
    mime_type    VARCHAR(200),
    content_size BIGINT,
    encoding     VARCHAR(60),
    PRIMARY KEY (node_id, label)
);

CREATE TABLE ae_hold (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    name        VARCHAR(255)  NOT NULL,
    name_key    VARCHAR(255)  NOT NULL,
    description VARCHAR(2000),
    reason      VARCHAR(2000),
    created_at  BIGINT        NOT NULL,
    created_by  VARCHAR(255)  NOT NULL
);
CREATE UNIQUE INDEX ae_hold_name ON ae_hold (name_key);

CREATE TABLE ae_hold_member (
    hold_id  VARCHAR(36) NOT NULL,
    node_id  VARCHAR(36) NOT NULL,
    added_at BIGINT      NOT NULL,
    PRIMARY KEY (hold_id, node_id)
);
CREATE INDEX ae_hold_member_node ON ae_hold_member (node_id);
