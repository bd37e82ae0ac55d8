-- Projection: confirmed enrolments per course.
CREATE TABLE enrolment_counts (
    course_id uuid PRIMARY KEY,
    confirmed bigint NOT NULL
);
