-- A test service's effects: one row per handled event (duplicates would show as extra rows).
CREATE TABLE seen (
    n         bigserial PRIMARY KEY,
    event_id  text NOT NULL,
    item_id uuid NOT NULL,
    code      text NOT NULL
);
