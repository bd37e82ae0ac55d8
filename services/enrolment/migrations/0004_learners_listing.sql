-- Listing learners: keyset pages in registration order, overall and per locality (staff see their own).
CREATE INDEX learners_by_registration ON learners (registered_at, id) WHERE erased_at IS NULL;
CREATE INDEX learners_by_locality ON learners (locality_code, registered_at, id) WHERE erased_at IS NULL;
