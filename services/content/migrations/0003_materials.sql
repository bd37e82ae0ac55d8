-- Issue 10: learning materials published on courses; a course is published only with one.
CREATE TABLE materials (
    seq              bigserial UNIQUE,  -- attachment order, for listing
    id               uuid PRIMARY KEY,
    course_id        uuid NOT NULL REFERENCES courses (id),
    kind             text NOT NULL CHECK (kind IN ('document', 'video', 'audio', 'xapi')),
    url              text NOT NULL,
    checksum         text NOT NULL,
    size_bytes       bigint NOT NULL CHECK (size_bytes > 0),
    language         text NOT NULL,
    licence          text NOT NULL,
    xapi_activity_id text,
    retired          boolean NOT NULL DEFAULT false
);
CREATE INDEX materials_of_course ON materials (course_id) WHERE NOT retired;
