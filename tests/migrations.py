"""For tests of a data migration: the models as they stood at a given migration."""

from __future__ import annotations

import contextlib

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder


def models_at(executor: MigrationExecutor, app: str, nodes: list[tuple[str, str]]):
    """The models as of `nodes` for `app`, and as of what is applied of every other app.

    What is applied, not the latest: migrating `app` back also unapplies the other apps'
    migrations that depend on it.
    """
    applied = MigrationRecorder(executor.connection).applied_migrations()
    graph = executor.loader.graph
    others = [node for node in applied if node[0] != app and node in graph.nodes]
    return executor.loader.project_state(others + nodes).apps


class Step:
    """One data migration under test: the models before it, and `forward()` to apply it."""

    def __init__(self, app: str, before: list[tuple[str, str]], after: list[tuple[str, str]]):
        self.app, self.after = app, after
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        self.before = models_at(executor, app, before)

    def forward(self):
        """Apply the migration; the models after it."""
        executor = MigrationExecutor(connection)
        executor.migrate(self.after)
        return models_at(executor, self.app, self.after)


@contextlib.contextmanager
def migration_step(app: str, before: list[tuple[str, str]], after: list[tuple[str, str]]):
    """The database migrated back to `before` (a transactional test's), for a data migration's
    test; migrated to the latest again at the end, whatever happened in the block."""
    try:
        yield Step(app, before, after)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
