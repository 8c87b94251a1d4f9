-- Every index on ae_node is rewritten by each filing commit; the trashcan listing scans archived roots instead.
DROP INDEX ae_node_archived_root;
