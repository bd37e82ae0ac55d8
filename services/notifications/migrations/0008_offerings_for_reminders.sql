-- Offerings as content announces them (highest revision kept), so that a reminder goes to the learners
-- holding a place the day before the start, and campaigns can reach learners by a course's theme.
-- `reminded_for` is the start date whose reminders were recorded (a postponed offering is reminded again).
CREATE TABLE offerings (
    offering_id  uuid PRIMARY KEY,
    course_id    uuid NOT NULL,
    theme        text NOT NULL,
    starts_on    date NOT NULL,
    status       text NOT NULL,
    revision     integer NOT NULL,
    reminded_for date
);
CREATE INDEX offerings_to_remind ON offerings (starts_on) WHERE status IN ('open', 'closed');
