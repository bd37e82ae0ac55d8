-- Channels a learner opted out of here (the inbox list, or a one-click unsubscribe link): honoured at send
-- time on top of the consent enrolment announces. Deleted with the learner's other rows on erasure.
CREATE TABLE opt_outs (
    learner_id    uuid NOT NULL,
    channel       text NOT NULL,
    opted_out_at  timestamptz NOT NULL,
    PRIMARY KEY (learner_id, channel)
);
