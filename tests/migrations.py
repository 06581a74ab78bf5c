"""For tests of a data migration: the models as they stood at a given migration."""

from __future__ import annotations

from django.db.migrations.executor import MigrationExecutor


def models_at(executor: MigrationExecutor, app: str, nodes: list[tuple[str, str]]):
    """The models as of `nodes` for `app`, and as of the latest migrations of every other app."""
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != app]
    return executor.loader.project_state(others + nodes).apps
