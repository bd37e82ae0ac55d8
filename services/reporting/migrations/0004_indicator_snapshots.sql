-- Published figures, one dated snapshot per indicator, breakdown and period end: asked again, they answer
-- the same, so repeated queries cannot reveal a single enrolment by difference.
CREATE TABLE indicator_snapshots (
    indicator text NOT NULL,
    breakdown text NOT NULL,
    period_end date NOT NULL,
    body jsonb NOT NULL,
    published_at timestamptz NOT NULL,
    PRIMARY KEY (indicator, breakdown, period_end)
);
