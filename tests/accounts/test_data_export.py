""" "Download my data" (accounts/data_export.py): one zip with everything stored about a member."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse
from django.utils import timezone

from studygroup.accounts import data_export
from studygroup.api import tokens
from studygroup.discussion import services
from studygroup.groups.models import Ballot, Membership, Progress, Vote, VoteCast
from studygroup.meetings.models import Meeting, Rsvp
from tests.builders import make_circle

pytestmark = pytest.mark.django_db

URL = reverse("download_my_data")
# The archive's own queries: a fixed number per part, however much the member wrote.
ARCHIVE_QUERIES = 32


def _queries() -> int:
    """Plus the session and the user; and the rate limit's counter (its count and a sweep)
    when it is kept in the database rather than in Redis."""
    return ARCHIVE_QUERIES + (2 if isinstance(caches["default"], RedisCache) else 4)


# Links to a member that the archive leaves out on purpose, each with its reason.
NOT_EXPORTED = {
    "admin.LogEntry.user": "the site admin's own audit log of admin pages, not member data",
    "discussion.Notification.actor": "other members' notifications that name you as the one "
    "who acted; they belong to those members (erased from them when you delete your account)",
}


def _links() -> set[str]:
    """Every field, on any model, that points at a member or at a membership."""
    targets = {get_user_model(), Membership}
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            forward = field.concrete or (field.many_to_many and not field.auto_created)
            if forward and field.related_model in targets:
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_model_pointing_at_a_member_is_in_the_archive_or_excluded_with_a_reason():
    missing = _links() - data_export.covered_links() - set(NOT_EXPORTED)
    assert missing == set()


def test_the_exclusions_and_the_parts_name_real_links():
    """A renamed field cannot leave a stale name on either list."""
    links = _links()
    assert set(NOT_EXPORTED) <= links
    assert data_export.covered_links() <= links


def _archive(response) -> dict[str, object]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    with zipfile.ZipFile(io.BytesIO(response.content)) as zipped:
        return {
            name: zipped.read(name).decode()
            if name.endswith(".txt")
            else json.loads(zipped.read(name))
            for name in zipped.namelist()
        }


def test_the_archive_holds_what_the_member_did_and_never_how_they_voted(client):
    circle = make_circle()
    member = circle.member
    comment = circle.post(body="Value is *congealed* labour.")
    services.edit_comment(comment=comment, body="Value is congealed labour time.")
    services.toggle_reaction(comment=circle.post(author=circle.other), user=member, kind="agree")
    membership = Membership.objects.get(group=circle.group, user=member)
    Progress.objects.create(membership=membership, reading=circle.reading)
    meeting = Meeting.objects.create(group=circle.group, reading=circle.reading)
    Rsvp.objects.create(
        meeting=meeting, membership=membership, answer="coming", for_date="2026-01-05"
    )
    meeting.attended.add(membership)
    vote = Vote.objects.create(group=circle.group, closes_at=timezone.now() + timedelta(days=2))
    VoteCast.objects.create(vote=vote, user=member)
    Ballot.objects.create(vote=vote, ranking=[424242])
    created = tokens.create_token(user=member, name="my reader app")
    client.force_login(member)

    files = _archive(client.post(URL))

    assert {"README.txt", "profile.json", "comments.json", "votes.json"} <= set(files)
    assert set(files) == {"README.txt"} | {f"{p.name}.json" for p in data_export.parts()}
    assert files["profile.json"]["handle"] == member.username
    assert files["profile.json"]["email"] == member.email
    [mine] = files["comments.json"]
    assert mine["body"] == "Value is congealed labour time."
    assert [v["body"] for v in mine["earlier_versions"]] == ["Value is *congealed* labour."]
    assert files["activity.json"]["reactions"][0]["kind"] == "agree"
    assert len(files["progress.json"]["weeks_done"]) == 1
    assert files["meetings.json"]["rsvps"][0]["answer"] == "coming"
    assert len(files["meetings.json"]["attended"]) == 1
    assert len(files["votes.json"]["votes_taken_part_in"]) == 1
    assert files["api_tokens.json"][0]["name"] == "my reader app"
    everything = json.dumps(files)
    assert "424242" not in everything  # the ballot's ranking: secret and unlinked
    assert created.secret not in everything
    assert created.token.digest not in everything
    assert "never how you voted" in files["README.txt"]
    for part in data_export.parts():
        assert f"{part.name}.json" in files["README.txt"]


def test_nobody_else_s_words_are_in_the_archive(client):
    circle = make_circle()
    circle.post(author=circle.other, body="Ola's own thought")
    client.force_login(circle.member)
    files = _archive(client.post(URL))
    assert "Ola's own thought" not in json.dumps(files)
    assert circle.other.email not in json.dumps(files)


@pytest.mark.parametrize("comments", [3, 30])
def test_the_archive_costs_the_same_queries_however_much_was_written(
    client, django_assert_num_queries, settings, comments
):
    settings.COMMENT_RATE_LIMIT = "1000/m"
    circle = make_circle()
    for number in range(comments):
        comment = circle.post(body=f"Thought {number}")
        services.edit_comment(comment=comment, body=f"Thought {number}, revised")
    client.force_login(circle.member)
    with django_assert_num_queries(_queries()):
        files = _archive(client.post(URL))
    assert len(files["comments.json"]) == comments


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.post(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_get_is_refused(client):
    client.force_login(make_circle().member)
    assert client.get(URL).status_code == 405


def test_downloads_are_rate_limited(client, settings):
    settings.DATA_EXPORT_RATE_LIMIT = "2/h"
    client.force_login(make_circle().member)
    assert [client.post(URL).status_code for _ in range(3)] == [200, 200, 429]


def test_the_profile_offers_the_download(client):
    client.force_login(make_circle().member)
    page = client.get(reverse("profile")).content.decode()
    assert f'action="{URL}"' in page
    assert "Download my data" in page
