"""Threads: one ordered fetch in, a display tree out. Pure Python, no Django.

Comments carry a materialised path (their ancestors' ids, zero-padded, joined by "/"), so
ordering by path yields a whole thread in display order from one query. Display nesting is
capped: replies deeper than MAX_DEPTH hang under their deepest shown ancestor and say whom
they reply to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

MAX_DEPTH = 6
PATH_WIDTH = 10


def path_for(pk: int, parent_path: str | None = None) -> str:
    segment = f"{pk:0{PATH_WIDTH}d}"
    return f"{parent_path}/{segment}" if parent_path else segment


def depth_of(path: str) -> int:
    """1 for a top-level comment."""
    return path.count("/") + 1


@dataclass
class Node:
    comment: Any
    depth: int  # display depth, 1..MAX_DEPTH
    replying_to: Any = None  # the real parent, shown when nesting was flattened
    children: list[Node] = field(default_factory=list)
    holder: Node | None = None  # for depth MAX_DEPTH: the node deeper replies are listed under


def build_tree(comments: Iterable[Any]) -> list[Node]:
    """Nest comments that arrive ordered by `path`; return the top-level nodes.

    Each comment needs `pk` and `parent_id`. A reply whose parent was not fetched (e.g. it
    sits on another page) is left out rather than shown out of context.
    """
    roots: list[Node] = []
    nodes: dict[int, Node] = {}
    for comment in comments:
        parent = nodes.get(comment.parent_id) if comment.parent_id else None
        if comment.parent_id and parent is None:
            continue
        if parent is None:
            node = Node(comment, depth=1)
            roots.append(node)
        elif parent.depth < MAX_DEPTH:
            node = Node(comment, depth=parent.depth + 1)
            parent.children.append(node)
        else:
            # Too deep to indent further: listed flat under the level-MAX_DEPTH ancestor.
            holder = parent.holder or parent
            flattened = parent is not holder
            node = Node(comment, depth=MAX_DEPTH, replying_to=parent.comment if flattened else None)
            holder.children.append(node)
            node.holder = holder
        if node.depth == MAX_DEPTH and node.holder is None:
            node.holder = node
        nodes[comment.pk] = node
    return roots


def flatten(roots: Iterable[Node]) -> Iterable[Node]:
    for node in roots:
        yield node
        yield from flatten(node.children)
