"""The reading page and its discussion: one template, two renders, every write also a plain form.

Every view loads its group through `policy.require` (private groups are 404 to
outsiders, writes need membership) and then checks the comment-level rules in studygroup/policy.py.
`pages`, `comments` and `questions` hold the views; what they share sits in modules named
for it: `loading` (a group's week, reading or comment, or 404; their URLs), `thread_html` (the
thread, kept per version; one comment; a new comment alone), `markers` (the paragraphs'
comment markers), `contexts` (the discussion column's, the forms' and the questions'
contexts) and `page_copies` (whole pages kept by version, with their ETag).
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
