"""Taking turns: a pure helper, no Django.

`fill_in_turn` fills the empty places of a rota from a list of volunteers, in turn: it starts
after whoever facilitated last and, where there is any choice, never gives one person two
meetings in a row (next to a place already filled, either side).
"""

from __future__ import annotations

from collections.abc import Sequence


def fill_in_turn(
    slots: Sequence[Sequence[int]], volunteers: Sequence[int], *, last: int | None = None
) -> list[list[int]]:
    """Each slot (the facilitators of one meeting, in date order) as it was, or, when empty,
    with the next volunteer in turn. `last` is whoever facilitated before the first slot."""
    filled: list[list[int]] = []
    people = list(dict.fromkeys(volunteers))
    previous: list[int] = [last] if last is not None else []
    turn = people.index(last) + 1 if last in people else 0
    for index, slot in enumerate(slots):
        if slot or not people:
            filled.append(list(slot))
        else:
            following = slots[index + 1] if index + 1 < len(slots) else []
            neighbours = {*previous, *following}
            in_turn = [people[(turn + offset) % len(people)] for offset in range(len(people))]
            candidate = next((p for p in in_turn if p not in neighbours), in_turn[0])
            filled.append([candidate])
            turn = people.index(candidate) + 1
        previous = filled[-1]
        if slot and slot[-1] in people:
            turn = people.index(slot[-1]) + 1
    return filled
