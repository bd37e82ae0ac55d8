-- Issue 10: courses get a lifecycle (draft -> published -> retired) with versions, bilingual texts and
-- audience rules; capacity moves to offerings; the public catalogue is searchable with or without
-- Vietnamese diacritics (unaccent + full text + trigrams).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes the folding
-- IMMUTABLE, which generated columns and their indexes require.
CREATE FUNCTION catalogue_fold(words text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(public.unaccent('public.unaccent'::regdictionary, words));

CREATE FUNCTION catalogue_text(doc jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN catalogue_fold(concat_ws(' ', doc->>'title_vi', doc->>'title_en', doc->>'description_vi',
                                    doc->>'description_en', doc->>'learning_outcomes'));

CREATE FUNCTION catalogue_title(doc jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN catalogue_fold(concat_ws(' ', doc->>'title_vi', doc->>'title_en'));

ALTER TABLE courses
    ADD COLUMN provider      text NOT NULL DEFAULT 'department',
    ADD COLUMN status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
    ADD COLUMN version       integer NOT NULL DEFAULT 0,
    ADD COLUMN draft         jsonb,
    ADD COLUMN published     jsonb,
    ADD COLUMN languages     text[] NOT NULL DEFAULT '{}',
    ADD COLUMN audience_tags text[] NOT NULL DEFAULT '{}';

-- Courses published by the walking skeleton become version 1 (their title stands in for the description;
-- their capacity now belongs to offerings, which an editor schedules).
UPDATE courses SET status = 'published', version = 1, languages = '{vi}', audience_tags = '{all}',
    published = jsonb_build_object(
        'title_vi', title_vi, 'title_en', title_en, 'description_vi', title_vi, 'description_en', title_en,
        'theme', theme, 'delivery_mode', delivery_mode, 'duration_hours', 1, 'languages', '["vi"]'::jsonb,
        'audience', '[]'::jsonb, 'learning_outcomes', '[]'::jsonb, 'accessibility_notes', '[]'::jsonb)
WHERE published_at IS NOT NULL;

ALTER TABLE courses
    DROP COLUMN title_vi,
    DROP COLUMN title_en,
    DROP COLUMN capacity,
    ALTER COLUMN theme DROP NOT NULL,
    ALTER COLUMN delivery_mode DROP NOT NULL,
    ADD COLUMN title_text text GENERATED ALWAYS AS (catalogue_title(published)) STORED,
    ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', catalogue_text(published))) STORED;

-- Full text over every text of the course; trigrams over the titles only (typos, partial words), which
-- keeps the similarity ranking cheap however long the descriptions are.
CREATE INDEX courses_search ON courses USING gin (search);
CREATE INDEX courses_title_trgm ON courses USING gin (title_text gin_trgm_ops);
CREATE INDEX courses_newest ON courses (published_at DESC, id DESC);

-- Every published version, kept: the public sees only the latest, the history stays auditable.
CREATE TABLE course_versions (
    course_id    uuid NOT NULL REFERENCES courses (id),
    version      integer NOT NULL CHECK (version > 0),
    content      jsonb NOT NULL,
    published_at timestamptz NOT NULL,
    PRIMARY KEY (course_id, version)
);
INSERT INTO course_versions SELECT id, version, published, published_at FROM courses WHERE version > 0;

CREATE TABLE offerings (
    id             uuid PRIMARY KEY,
    course_id      uuid NOT NULL REFERENCES courses (id),
    revision       integer NOT NULL CHECK (revision > 0),
    status         text NOT NULL CHECK (status IN ('open', 'closed', 'cancelled')),
    theme          text NOT NULL,
    delivery_mode  text NOT NULL,
    starts_on      date NOT NULL,
    ends_on        date CHECK (ends_on IS NULL OR ends_on >= starts_on),
    capacity       integer CHECK (capacity IS NULL OR capacity > 0),
    reserved_seats integer NOT NULL CHECK (reserved_seats >= 0),
    locality_code  text,
    audience       jsonb NOT NULL
);
CREATE INDEX offerings_of_course ON offerings (course_id);
CREATE INDEX offerings_open_by_start ON offerings (starts_on) WHERE status = 'open';
