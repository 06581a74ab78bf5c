"""What the groups app tells the apps above it, without importing them.

Sent after the commit of the write they announce; `discussion` (its apps.py) turns them into
notifications. Receivers take `join_request` as a keyword.
"""

from django.dispatch import Signal

join_requested = Signal()  # someone asked to join a group: its facilitators should decide
join_decided = Signal()  # the facilitators approved or declined a join request
