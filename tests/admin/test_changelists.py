"""Every model is in the admin, and no change list runs a query per row."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.admin.helpers import populate

pytestmark = pytest.mark.django_db

OURS = {"accounts", "library", "groups", "discussion", "taggit"}

# model: queries for one superuser's GET of its change list, whatever the number of rows.
# Every page: session, user, the filtered count, the full count, the rows (5); then its own
# extras: tag prefetches, list-filter choices (related-only and tag filters) and the
# date hierarchy's years.
CHANGELISTS = {
    "library.text": 7,
    "library.section": 6,
    "library.paragraph": 6,
    "library.footnote": 6,
    "library.reading": 8,
    "library.question": 8,
    "library.curatoredit": 6,
    "library.pagestart": 6,
    "groups.readinggroup": 7,
    "groups.membership": 6,
    "groups.invitation": 8,
    "groups.joinrequest": 6,
    "groups.adoption": 6,
    "groups.progress": 6,
    "groups.spoilerreveal": 6,
    "groups.vote": 5,
    "groups.proposal": 5,
    "groups.votecast": 5,
    "groups.ballot": 5,
    "groups.groupupload": 6,
    "discussion.comment": 8,
    "discussion.commentrevision": 8,
    "discussion.reaction": 6,
    "discussion.paragraphflag": 8,
    "discussion.report": 8,
    "discussion.moderationentry": 8,
    "discussion.notification": 7,
    "discussion.questiondiscussed": 8,
    "accounts.user": 6,
    "accounts.handlehistory": 5,
    "accounts.accountdeletion": 5,
    "taggit.tag": 5,
}


def test_every_model_of_ours_is_registered():
    registered = {
        model._meta.label_lower
        for model in admin.site._registry
        if model._meta.app_label in OURS and model._meta.model_name != "taggeditem"
    }
    ours = {
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.app_label in OURS and model._meta.model_name != "taggeditem"
    }
    assert ours == registered == set(CHANGELISTS)


@pytest.mark.parametrize("size", [1, 4])
@pytest.mark.parametrize("label", list(CHANGELISTS))
def test_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, label, size
):
    populate(size)
    app_label, model_name = label.split(".")
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    admin_client.get(url)  # warm the session and the content types
    with django_assert_num_queries(CHANGELISTS[label]):
        response = admin_client.get(url)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) >= size
