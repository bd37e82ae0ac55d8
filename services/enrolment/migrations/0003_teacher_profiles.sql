-- Teacher profiles: a learner who teaches, their level and qualification (for the upgrading roadmap).
CREATE TABLE teacher_profiles (
    learner_id    uuid PRIMARY KEY REFERENCES learners (id),
    level         text NOT NULL,
    qualification text NOT NULL,
    retires_on    date
);
