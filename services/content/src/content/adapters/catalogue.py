"""SQL for the public catalogue: filters, diacritic-blind full-text and trigram search, keyset pages."""

import json
from datetime import datetime
from uuid import UUID

import asyncpg
from servicekit.db import Repository
from servicekit.runtime import ServiceRuntime

from content.adapters.course_json import content_from_json, origin_from_json
from content.app.ports import CatalogueEntry, CatalogueQuery, FeedEntry
from content.domain.material import MaterialFile

# Matches: full text over every text of the course; only when that finds fewer than 20 courses, also
# trigram word similarity to the titles (typos, partial words), through its index (see migration 0005).
# Ranking: full-text cover density, plus 1 when the words are in the title; a typo-only match ranks by its
# word similarity to the title. Only ids and keys are ranked and paged: the wide published text is read
# for the page's rows alone. Without search text the key is the publication time in whole microseconds,
# exact in a float8, so one keyset (key, id) serves both orders.
_FILTERS = """
    c.status = 'published'
      AND ($3::text IS NULL OR c.theme = $3)
      AND ($4::text IS NULL OR $4 = ANY (c.audience_tags))
      AND ($5::text IS NULL OR c.delivery_mode = $5)
      AND ($6::text IS NULL OR $6 = ANY (c.languages))
      AND (($7::text IS NULL AND $8::date IS NULL) OR EXISTS (
          SELECT 1 FROM offerings o WHERE o.course_id = c.id AND o.status = 'open'
            AND ($7::text IS NULL OR o.locality_code = $7) AND ($8::date IS NULL OR o.starts_on >= $8)))
"""
_COLUMNS = "c.id, c.code, c.provider, c.version, c.published, c.published_at, c.origin"
_PAGE = """
SELECT * FROM found WHERE ($9::float8 IS NULL OR (k, id) < ($9, $10::uuid))
ORDER BY k DESC, id DESC LIMIT $1
"""
# Public: `make bench` runs this statement through a bare asyncpg pool as the search baseline.
SEARCH = f"""
WITH words AS (
    SELECT plainto_tsquery('simple', catalogue_fold($2::text)) AS q, catalogue_fold($2::text) AS folded
),
texts AS (
    SELECT c.id, (ts_rank_cd(c.search, w.q) + (c.title_words @@ w.q)::int)::float8 AS k
    FROM courses c, words w WHERE c.search @@ w.q AND {_FILTERS}
),
typos AS (
    SELECT t.id, t.k FROM words w, catalogue_title_matches(w.folded) t JOIN courses c ON c.id = t.id
    WHERE (SELECT count(*) FROM texts) < 20 AND NOT c.search @@ w.q AND {_FILTERS}
),
found AS (SELECT id, k FROM texts UNION ALL SELECT id, k FROM typos),
page AS ({_PAGE})
SELECT {_COLUMNS}, page.k FROM page JOIN courses c USING (id) ORDER BY page.k DESC, page.id DESC
"""
_BROWSE = f"""
WITH found AS (
    SELECT {_COLUMNS},
        floor(extract(epoch FROM c.published_at) * 1000000)::float8 AS k
    FROM courses c
    WHERE $2::text IS NULL AND {_FILTERS}
)
{_PAGE}"""
# The open feed's keyset is (published_at, id) ascending: a republished course moves to the end, so a
# harvester that resumes from its last cursor sees every new version exactly once more.
_FEED = """
SELECT c.id, c.code, c.provider, c.version, c.published, c.published_at, c.origin, 0::float8 AS k,
    COALESCE((SELECT jsonb_agg(jsonb_build_object('kind', m.kind, 'url', m.url, 'checksum', m.checksum,
        'size_bytes', m.size_bytes, 'language', m.language, 'licence', m.licence,
        'xapi_activity_id', m.xapi_activity_id) ORDER BY m.seq)
      FROM materials m WHERE m.course_id = c.id AND NOT m.retired), '[]'::jsonb) AS materials
FROM courses c
WHERE c.status = 'published' AND ($2::timestamptz IS NULL OR (c.published_at, c.id) > ($2, $3::uuid))
ORDER BY c.published_at, c.id LIMIT $1
"""
_ONE = """
SELECT id, code, provider, version, published, published_at, origin, 0::float8 AS k
FROM courses WHERE id = $1 AND status = 'published'
"""


class SqlCatalogue(Repository):
    """Published, not retired courses, read-only."""

    async def find(self, query: CatalogueQuery) -> list[CatalogueEntry]:
        """One page, best match (or newest) first, after the query's cursor."""
        key, after = query.after if query.after else (None, None)
        rows = await self._conn.fetch(
            SEARCH if query.text else _BROWSE,
            query.limit,
            query.text,
            query.theme,
            query.audience,
            query.delivery_mode,
            query.language,
            query.locality_code,
            query.upcoming_from,
            key,
            after,
        )
        return [_entry(row) for row in rows]

    async def harvest(self, limit: int, after: tuple[datetime, UUID] | None) -> list[FeedEntry]:
        """Published courses with their materials, oldest publication first, after a position."""
        at, course_id = after if after else (None, None)
        rows = await self._conn.fetch(_FEED, limit, at, course_id)
        return [FeedEntry(_entry(r), [MaterialFile(**m) for m in json.loads(r["materials"])]) for r in rows]

    async def published(self, course_id: UUID) -> CatalogueEntry | None:
        """The public version of a course, or None (drafts only, retired, unknown)."""
        row = await self._conn.fetchrow(_ONE, course_id)
        return _entry(row) if row else None


class PooledCatalogueVersion:
    """The catalogue's version (migration 0005), read on the pool: one statement, no transaction, as it
    is all a kept page costs."""

    def __init__(self, runtime: ServiceRuntime) -> None:
        self._runtime = runtime

    async def __call__(self) -> int:
        found: int = await self._runtime.pool.fetchval("SELECT version FROM catalogue_version")
        return found


def _entry(row: asyncpg.Record) -> CatalogueEntry:
    return CatalogueEntry(
        row["id"],
        row["code"],
        row["provider"],
        row["version"],
        content_from_json(json.loads(row["published"])),
        row["published_at"],
        (row["k"], str(row["id"])),
        origin_from_json(row["origin"]),
    )
