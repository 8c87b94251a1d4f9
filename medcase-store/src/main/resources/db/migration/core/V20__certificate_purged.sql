-- What the repository actually removed for a destruction (versions, node, trashcan entry), sealed
-- into the certificate's hash. Certificates issued before keep an empty list and their original seal.
ALTER TABLE mc_destruction_certificate ADD COLUMN purged VARCHAR(4000);
