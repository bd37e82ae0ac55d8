-- The content catalogue.
CREATE TABLE courses (
    id            uuid PRIMARY KEY,
    code          text NOT NULL UNIQUE,
    title_vi      text NOT NULL,
    title_en      text NOT NULL,
    theme         text NOT NULL,
    delivery_mode text NOT NULL,
    capacity      integer CHECK (capacity IS NULL OR capacity > 0),
    published_at  timestamptz
);
