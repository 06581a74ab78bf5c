"""The reading page and its discussion: one template, two renders, every write also a plain form.

Every view loads its group through `policy.require` (private groups are 404 to
outsiders, writes need membership) and then checks the comment-level rules in studygroup/policy.py.
`common` holds what the views share; `pages`, `comments` and `questions` the views.
"""

from studygroup.discussion.views.comments import (
    comment_detail,
    delete,
    edit,
    flag,
    history,
    post,
    react,
    reply,
)
from studygroup.discussion.views.pages import (
    discussion,
    heatmap,
    poll,
    reading_page,
    show_anyway,
    thread,
)
from studygroup.discussion.views.questions import (
    propose,
    question_action,
    question_delete,
    question_edit,
)

__all__ = [
    "comment_detail",
    "delete",
    "discussion",
    "edit",
    "flag",
    "heatmap",
    "history",
    "poll",
    "post",
    "propose",
    "question_action",
    "question_delete",
    "question_edit",
    "react",
    "reading_page",
    "reply",
    "show_anyway",
    "thread",
]
