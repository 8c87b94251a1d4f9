-- A node's direct ACEs live in the node row (JSON [[authority, permission, allowed], ...]): filing a record with its
-- ACL, or re-setting an ACL, then rewrites one row instead of two more tables. Existing ae_ace rows are moved into
-- ae_node.acl at start by the repository (portable across H2 and PostgreSQL); ae_ace stays, empty.
ALTER TABLE ae_node ADD COLUMN acl VARCHAR;
