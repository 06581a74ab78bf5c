"""Full-text indexes over paragraphs, questions and comments, per database.

The index is kept current by the database itself, so no write path has to remember it:

* **SQLite**: one FTS5 table per kind, with *external content* (the source table holds the
  text; the index holds only tokens) and triggers on the source table's insert, update of
  the text column, and delete.
* **PostgreSQL**: a stored generated `search_vector` column on each source table
  (`to_tsvector('english', ...)`), with a GIN index.

Searches take a queryset of the rows the viewer may see (`policy.py`) and put it in
the SQL as a subquery, so access is decided where it always is, and each kind costs one query
(the page of hits, their total, and highlighted snippets for that page only).

Caveats: on SQLite, a migration that rebuilds a source table drops its triggers;
`repair_after_migrate` recreates them and rebuilds that index after every `migrate`. On
PostgreSQL, changing the type of an indexed column first needs this app's migration undone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder

from studygroup.discussion.models import Comment
from studygroup.library.models import Paragraph, Question
from studygroup.search import query as q

MIGRATION = ("search", "0001_initial")
CONFIG = "english"
TOKENIZE = "porter unicode61 remove_diacritics 2"
SNIPPET_WORDS = 24  # FTS5 caps a snippet at 64 tokens
COUNT_CAP = 200  # totals above this show as "200+"
HEADLINE = (
    f"StartSel={q.START}, StopSel={q.STOP}, MaxWords=30, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


@dataclass(frozen=True)
class Source:
    kind: str
    model: type[models.Model]
    column: str
    newest_first: bool = False  # discussions: the newest first, and no ranking to pay for

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def fts(self) -> str:
        return f"search_{self.kind}_fts"

    @property
    def gin(self) -> str:
        return f"search_{self.kind}_gin"


SOURCES = {
    s.kind: s
    for s in (
        Source("paragraph", Paragraph, "text"),
        Source("question", Question, "body"),
        Source("comment", Comment, "body", newest_first=True),
    )
}


# Which comments a viewer may see is decided from these columns alone (policy.py
# `readable_comments`); indexed together, listing them never reads the comments' bodies.
ACCESS_INDEX = ("search_comment_access", Comment, ("group_id", "deleted_at", "is_hidden"))


@dataclass(frozen=True)
class Hit:
    pk: int
    snippet: str  # raw, with q.START/q.STOP around matches: pass through q.highlight


# --- Schema ---------------------------------------------------------------------------


def _sqlite_triggers(s: Source) -> dict[str, str]:
    t, f, c = s.table, s.fts, s.column
    delete = f"INSERT INTO {f}({f}, rowid, {c}) VALUES ('delete', old.id, old.{c});"
    insert = f"INSERT INTO {f}(rowid, {c}) VALUES (new.id, new.{c});"
    return {
        f"{f}_ai": f"AFTER INSERT ON {t} BEGIN {insert} END",
        f"{f}_ad": f"AFTER DELETE ON {t} BEGIN {delete} END",
        f"{f}_au": f"AFTER UPDATE OF {c} ON {t} BEGIN {delete} {insert} END",
    }


def _sqlite_missing_triggers(cursor, s: Source) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [s.table]
    )
    present = {row[0] for row in cursor.fetchall()}
    return [name for name in _sqlite_triggers(s) if name not in present]


def install(connection: BaseDatabaseWrapper) -> list[str]:
    """Create whatever part of the index is missing; idempotent. Returns the kinds rebuilt."""
    rebuilt: list[str] = []
    with connection.cursor() as cursor:
        for s in SOURCES.values():
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [s.fts]
                )
                fresh = cursor.fetchone() is None
                missing = _sqlite_missing_triggers(cursor, s)
                cursor.execute(
                    f"CREATE VIRTUAL TABLE IF NOT EXISTS {s.fts} USING fts5("
                    f"{s.column}, content='{s.table}', content_rowid='id', "
                    f"tokenize='{TOKENIZE}')"
                )
                for name, body in _sqlite_triggers(s).items():
                    cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
                if fresh or missing:
                    # Rows written while a trigger was missing are not indexed: rebuild.
                    cursor.execute(f"INSERT INTO {s.fts}({s.fts}) VALUES ('rebuild')")
                    rebuilt.append(s.kind)
            elif connection.vendor == "postgresql":
                qn = connection.ops.quote_name
                if _has_index(cursor, connection, s.table, s.gin):
                    continue
                cursor.execute(
                    f"ALTER TABLE {qn(s.table)} ADD COLUMN IF NOT EXISTS search_vector tsvector "
                    f"GENERATED ALWAYS AS (to_tsvector('{CONFIG}'::regconfig, "
                    f"coalesce({qn(s.column)}, ''))) STORED"
                )
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {s.gin} ON {qn(s.table)} USING gin (search_vector)"
                )
            else:  # pragma: no cover
                raise NotImplementedError(
                    f"search needs SQLite or PostgreSQL, not {connection.vendor}"
                )
        name, model, columns = ACCESS_INDEX
        if not _has_index(cursor, connection, model._meta.db_table, name):
            table = model._meta.db_table
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})")
    return rebuilt


def _has_index(cursor, connection: BaseDatabaseWrapper, table: str, name: str) -> bool:
    # Asked first: on PostgreSQL, DDL fails in a transaction with pending FK checks.
    if connection.vendor == "sqlite":
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND name = %s"
    else:
        sql = "SELECT 1 FROM pg_indexes WHERE tablename = %s AND indexname = %s"
    cursor.execute(sql, [table, name])
    return cursor.fetchone() is not None


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {ACCESS_INDEX[0]}")
        for s in SOURCES.values():
            if connection.vendor == "sqlite":
                for name in _sqlite_triggers(s):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(f"DROP TABLE IF EXISTS {s.fts}")
            elif connection.vendor == "postgresql":
                qn = connection.ops.quote_name
                cursor.execute(f"DROP INDEX IF EXISTS {s.gin}")
                cursor.execute(f"ALTER TABLE {qn(s.table)} DROP COLUMN IF EXISTS search_vector")


def rebuild(connection: BaseDatabaseWrapper) -> None:
    """Recreate the index from the source tables (SQLite) or re-pack it (PostgreSQL)."""
    install(connection)
    with connection.cursor() as cursor:
        for s in SOURCES.values():
            if connection.vendor == "sqlite":
                cursor.execute(f"INSERT INTO {s.fts}({s.fts}) VALUES ('rebuild')")
                cursor.execute(f"INSERT INTO {s.fts}({s.fts}) VALUES ('optimize')")
            else:
                cursor.execute(f"REINDEX INDEX {s.gin}")


def check(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """Per kind: "ok", or what is wrong with the index."""
    problems: dict[str, str] = {}
    with connection.cursor() as cursor:
        for s in SOURCES.values():
            if connection.vendor == "sqlite":
                missing = _sqlite_missing_triggers(cursor, s)
                if missing:
                    problems[s.kind] = f"missing triggers: {', '.join(missing)}"
                    continue
                try:
                    cursor.execute(
                        f"INSERT INTO {s.fts}({s.fts}, rank) VALUES ('integrity-check', 1)"
                    )
                except Exception as error:  # noqa: BLE001 - reported, not raised
                    problems[s.kind] = f"index out of date: {error}"
                    continue
            else:
                cursor.execute(
                    "SELECT 1 FROM pg_indexes WHERE tablename = %s AND indexname = %s",
                    [s.table, s.gin],
                )
                if cursor.fetchone() is None:
                    problems[s.kind] = "missing column or GIN index"
                    continue
            problems[s.kind] = "ok"
    return problems


def repair_after_migrate(*, using: str, **kwargs) -> None:
    """post_migrate: once this app's migration is in, put back anything a migration dropped."""
    connection = connections[using]
    if MIGRATION in MigrationRecorder(connection).applied_migrations():
        install(connection)


# --- Search ---------------------------------------------------------------------------


def search(
    connection: BaseDatabaseWrapper,
    *,
    kind: str,
    terms: Sequence[q.Term],
    allowed: models.QuerySet,
    limit: int,
    offset: int = 0,
) -> tuple[list[Hit], int]:
    """The best `limit` hits after `offset` among `allowed`, and how many (up to COUNT_CAP)."""
    if not terms:
        return [], 0
    s = SOURCES[kind]
    allowed_sql, allowed_params = allowed.order_by().values("pk").query.sql_with_params()
    # One statement: the page (ranked, or newest first), how many there are up to COUNT_CAP,
    # and snippets for the page only. Counting every match of a common word costs more
    # than the page itself, hence the cap ("1,000+").
    if connection.vendor == "sqlite":
        match = q.fts5_match(list(terms))
        # `+rowid`: without the plus, SQLite feeds every allowed id to FTS5 as a rowid
        # lookup, each re-running the MATCH (seconds on 20,000 comments).
        where = f"{s.fts} MATCH %s AND +rowid IN ({allowed_sql})"
        order, key = ("rowid DESC", "-rowid") if s.newest_first else ("rank", "rank")
        sql = f"""
            WITH top AS MATERIALIZED (
                SELECT rowid AS id, {key} AS k FROM {s.fts} WHERE {where}
                ORDER BY {order} LIMIT %s OFFSET %s
            ),
            total AS (
                SELECT count(*) AS n FROM (SELECT 1 FROM {s.fts} WHERE {where} LIMIT %s)
            )
            SELECT top.id, total.n, (
                SELECT snippet({s.fts}, 0, char(2), char(3), '…', {SNIPPET_WORDS})
                FROM {s.fts} WHERE {s.fts} MATCH %s AND rowid = top.id
            )
            FROM total LEFT JOIN top ON 1 ORDER BY top.k, top.id
        """
        params = [
            *[match, *allowed_params, limit, offset],
            *[match, *allowed_params, COUNT_CAP],
            match,
        ]
    else:
        qn = connection.ops.quote_name
        tsquery, tsparams = q.pg_tsquery(list(terms), config=CONFIG)
        table, column = qn(s.table), qn(s.column)
        # The tsquery is written out in each part so that the planner sees its words.
        where = f"t.search_vector @@ ({tsquery}) AND t.id IN ({allowed_sql})"
        if s.newest_first:
            score, order = "t.id", "t.id DESC"
        else:
            score, order = f"ts_rank(t.search_vector, {tsquery})", "score DESC, t.id"
        sql = f"""
            WITH top AS (
                SELECT t.id, {score} AS score FROM {table} t WHERE {where}
                ORDER BY {order} LIMIT %s OFFSET %s
            ),
            total AS (
                SELECT count(*) AS n FROM (SELECT 1 FROM {table} t WHERE {where} LIMIT %s) c
            )
            SELECT top.id, total.n,
                   ts_headline('{CONFIG}', translate(t.{column}, '<>', %s), {tsquery}, %s)
            FROM total LEFT JOIN (top JOIN {table} t ON t.id = top.id) ON true
            ORDER BY top.score DESC, top.id
        """
        params = [
            *([] if s.newest_first else tsparams),
            *[*tsparams, *allowed_params, limit, offset],
            *[*tsparams, *allowed_params, COUNT_CAP],
            *[q.LT + q.GT, *tsparams, HEADLINE],
        ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = rows[0][1]
    return [Hit(pk, snippet) for pk, _, snippet in rows if pk is not None], total


def forget_erased(connection: BaseDatabaseWrapper) -> None:
    """After an account is erased (accounts/deletion.py): the rewritten words leave the index
    itself, not only its answers. FTS5 keeps a deleted row's tokens until its segments are
    merged; a GIN index keeps old entries until it is vacuumed or rebuilt."""
    with connection.cursor() as cursor:
        for kind in ("comment", "question"):
            s = SOURCES[kind]
            if connection.vendor == "sqlite":
                cursor.execute(f"INSERT INTO {s.fts}({s.fts}) VALUES ('optimize')")
            else:
                cursor.execute(f"REINDEX INDEX {s.gin}")
