"""Full-text indexes over paragraphs, questions and comments, per database.

The index is kept current by the database itself, so no write path has to remember it:

* **SQLite**: one FTS5 table per kind, with *external content* (the source table holds the
  text; the index holds only tokens) and triggers on the source table's insert, update of
  the text column, and delete.
* **PostgreSQL**: a stored generated `search_vector` column on each source table, with a GIN
  index. `search_config` is the configuration of the row's text's language
  (`library/languages.py` PG_CONFIG: `spanish`, `german`, ...; `simple` where PostgreSQL has
  none); triggers keep it: a row takes its text's language when written, and a text's new
  language is passed on to its rows. The vector is the row under that configuration (stems,
  which need the accents: Spanish "revolución" and "revoluciones" both give "revolu") joined
  with the row under `sg_simple` (`unaccent` then `simple`), so that "revolucion" finds
  "Revolución". Comments use the language of the text their group reads: most are written
  in it, and words of any language still match through the unaccented half.
  A query is made under every configuration in use (the texts' languages) and `sg_simple`,
  ORed: each row is matched under its own language's rules.

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
from studygroup.library import languages
from studygroup.library.models import Paragraph, Question, Reading, Section, Text
from studygroup.search import query as q

MIGRATION = ("search", "0001_initial")
# SQLite: diacritics removed in documents and queries alike; Porter's English suffixes only
# ever shorten a word, so other languages still match their own accented forms.
TOKENIZE = "porter unicode61 remove_diacritics 2"
# PostgreSQL: the function naming a language's configuration; the unaccented configuration.
CONFIG_FUNCTION = "search_config_for"
UNACCENTED = "sg_simple"
# Token types that carry words (the others are numbers, URLs, e-mail addresses, ...).
WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"
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
    # The row's text is that of its `via` row (a section, a reading), through `fk`.
    via: type[models.Model]
    fk: str
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

    @property
    def trigger(self) -> str:
        return f"search_{self.kind}_config"

    def language_of(self, row: str) -> str:
        """SQL: the language of the text of `row` (NEW in a trigger)."""
        via, text = self.via._meta.db_table, Text._meta.db_table
        return (
            f"(SELECT t.language FROM {via} v JOIN {text} t ON t.id = v.text_id "
            f"WHERE v.id = {row}.{self.fk})"
        )

    def set_configs(self, *, text_id: str | None = None) -> str:
        """SQL: give every row (of one text) its text's configuration."""
        via, text = self.via._meta.db_table, Text._meta.db_table
        only = f" AND t.id = {text_id}" if text_id else ""
        return (
            f"UPDATE {self.table} x SET search_config = {CONFIG_FUNCTION}(t.language) "
            f"FROM {via} v JOIN {text} t ON t.id = v.text_id WHERE x.{self.fk} = v.id{only}"
        )


SOURCES = {
    s.kind: s
    for s in (
        Source("paragraph", Paragraph, "text", via=Section, fk="section_id"),
        Source("question", Question, "body", via=Reading, fk="reading_id"),
        Source("comment", Comment, "body", via=Reading, fk="reading_id", newest_first=True),
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
                if _pg_installed(cursor, s):
                    continue
                _pg_install(cursor, connection, s)
            else:  # pragma: no cover
                raise NotImplementedError(
                    f"search needs SQLite or PostgreSQL, not {connection.vendor}"
                )
        name, model, columns = ACCESS_INDEX
        if not _has_index(cursor, connection, model._meta.db_table, name):
            table = model._meta.db_table
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})")
    return rebuilt


def _pg_installed(cursor, s: Source) -> bool:
    # Asked first: on PostgreSQL, DDL fails in a transaction with pending FK checks.
    cursor.execute(
        "SELECT (SELECT count(*) FROM pg_indexes WHERE tablename = %s AND indexname = %s)"
        " + (SELECT count(*) FROM pg_trigger WHERE tgname = %s)"
        " + (SELECT count(*) FROM pg_trigger WHERE tgname = 'search_text_language')",
        [s.table, s.gin, s.trigger],
    )
    return cursor.fetchone()[0] == 3


def _pg_configs(cursor) -> dict[str, str]:
    """language code -> its configuration; the unaccented one is created where missing."""
    cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    cursor.execute("SELECT cfgname FROM pg_ts_config")
    present = {row[0] for row in cursor.fetchall()}
    if UNACCENTED not in present:
        cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {UNACCENTED} (COPY = simple)")
        cursor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {UNACCENTED} "
            f"ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, simple"
        )
    return {code: c for code, c in languages.PG_CONFIG.items() if c in present}


def _pg_install(cursor, connection: BaseDatabaseWrapper, s: Source) -> None:
    qn = connection.ops.quote_name
    configs = _pg_configs(cursor)
    cases = " ".join(f"WHEN '{code}' THEN '{config}'" for code, config in sorted(configs.items()))
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {CONFIG_FUNCTION}(language text) RETURNS regconfig "
        f"LANGUAGE sql STABLE AS $$ "
        f"SELECT (CASE language {cases} ELSE 'simple' END)::regconfig $$"
    )
    # The old index (one configuration for all) goes; the rows get theirs before the new
    # vector is computed, so each row is tokenised once.
    cursor.execute(f"ALTER TABLE {qn(s.table)} DROP COLUMN IF EXISTS search_vector")
    cursor.execute(
        f"ALTER TABLE {qn(s.table)} ADD COLUMN IF NOT EXISTS search_config regconfig "
        "NOT NULL DEFAULT 'simple'"
    )
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {s.trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN NEW.search_config := {CONFIG_FUNCTION}({s.language_of('NEW')}); RETURN NEW; END $$"
    )
    cursor.execute(f"DROP TRIGGER IF EXISTS {s.trigger} ON {qn(s.table)}")
    # BEFORE: a generated column is computed after BEFORE triggers, so it sees the config.
    cursor.execute(
        f"CREATE TRIGGER {s.trigger} BEFORE INSERT OR UPDATE OF {s.fk} ON {qn(s.table)} "
        f"FOR EACH ROW EXECUTE FUNCTION {s.trigger}()"
    )
    cursor.execute(s.set_configs())
    cursor.execute(
        f"ALTER TABLE {qn(s.table)} ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS (to_tsvector(search_config, coalesce({qn(s.column)}, '')) "
        f"|| to_tsvector('{UNACCENTED}', coalesce({qn(s.column)}, ''))) STORED"
    )
    cursor.execute(f"CREATE INDEX IF NOT EXISTS {s.gin} ON {qn(s.table)} USING gin (search_vector)")
    # A text's new language reaches its rows (a curator's or organiser's correction).
    updates = " ".join(f"{x.set_configs(text_id='NEW.id')};" for x in SOURCES.values())
    cursor.execute(
        "CREATE OR REPLACE FUNCTION search_text_language() RETURNS trigger LANGUAGE plpgsql "
        f"AS $$ BEGIN {updates} RETURN NULL; END $$"
    )
    text = qn(Text._meta.db_table)
    cursor.execute(f"DROP TRIGGER IF EXISTS search_text_language ON {text}")
    cursor.execute(
        f"CREATE TRIGGER search_text_language AFTER UPDATE OF language ON {text} FOR EACH ROW "
        "WHEN (OLD.language IS DISTINCT FROM NEW.language) "
        "EXECUTE FUNCTION search_text_language()"
    )


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
                cursor.execute(f"DROP TRIGGER IF EXISTS {s.trigger} ON {qn(s.table)}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {s.trigger}()")
                cursor.execute(f"ALTER TABLE {qn(s.table)} DROP COLUMN IF EXISTS search_config")
        if connection.vendor == "postgresql":
            text = connection.ops.quote_name(Text._meta.db_table)
            cursor.execute(f"DROP TRIGGER IF EXISTS search_text_language ON {text}")
            cursor.execute("DROP FUNCTION IF EXISTS search_text_language()")
            cursor.execute(f"DROP FUNCTION IF EXISTS {CONFIG_FUNCTION}(text)")


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
        tsquery, tsparams = _pg_tsquery(list(terms))
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
                   ts_headline(t.search_config, translate(t.{column}, '<>', %s), {tsquery}, %s)
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


def _pg_tsquery(terms: list[q.Term]) -> tuple[str, list[str]]:
    """SQL for the query's tsquery: each term made under every configuration in use and the
    unaccented one, ORed (a Spanish row matches under Spanish rules, an English one under
    English), the terms ANDed. Configurations that drop a term (a stop word) leave it out."""
    text = Text._meta.db_table
    in_use = (
        f"(SELECT DISTINCT {CONFIG_FUNCTION}(language) AS cfg FROM {text} "
        f"UNION SELECT '{UNACCENTED}'::regconfig)"
    )
    parts: list[str] = []
    params: list[str] = []
    for function, value in q.pg_term_inputs(terms):
        one = f"{function}(c.cfg, %s)"
        parts.append(
            f"(SELECT string_agg('(' || {one}::text || ')', ' | ')::tsquery "
            f"FROM {in_use} c WHERE numnode({one}) > 0)"
        )
        params += [value, value]
    return " && ".join(parts), params


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
