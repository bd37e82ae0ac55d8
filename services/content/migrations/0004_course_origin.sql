-- Issue 10: partner cities' courses keep their origin (city, catalogue address, their id); null for Hanoi's.
ALTER TABLE courses ADD COLUMN origin jsonb;
