"""What the groups app tells the apps above it, without importing them.

`discussion` (its apps.py) turns them into notifications. The join signals are sent after
the commit of the write they announce, and their receivers take `join_request` as a keyword;
the vote signals are sent inside the vote's own transaction, so its notifications commit with
it, and their receivers take `vote` (and `outcome`, one sentence, when it closes).
`weeks_changed` is sent after the commit of a change to a group's own weeks (groups/split.py);
its receivers take `group_id` and `reading_ids` (the weeks whose bounds, number, title or
comments changed).
"""

from django.dispatch import Signal

join_requested = Signal()  # someone asked to join a group: its facilitators should decide
join_decided = Signal()  # the facilitators approved or declined a join request
vote_opened = Signal()  # a facilitator opened a vote on the next text
vote_closed = Signal()  # a vote closed, by hand or at its time
weeks_changed = Signal()  # a group's own weeks were reshaped: these show something new
