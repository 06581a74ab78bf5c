"""For tests of a data migration: the models as they stood at a given migration."""

from __future__ import annotations

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
