-- xAPI statements about a platform learner reporting does not know yet wait for their registration (issue 13):
-- `waiting_learner` names the learner while the statement waits; it is cleared when its activity is announced.
ALTER TABLE xapi_statements ADD COLUMN IF NOT EXISTS waiting_learner uuid;
CREATE INDEX IF NOT EXISTS xapi_statements_waiting
    ON xapi_statements (waiting_learner) WHERE waiting_learner IS NOT NULL;
