"""The demo shows meetings at work: a rota, answers, a record and a handover note."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from studygroup.accounts.models import User
from studygroup.groups.models import ReadingGroup

pytestmark = pytest.mark.django_db


def test_the_demo_group_has_a_rota_answers_a_record_and_a_handover(client):
    call_command("seed_demo")
    group = ReadingGroup.objects.get(is_public=True)
    client.force_login(User.objects.get(username="rosa"))
    html = client.get(reverse("meetings:list", args=[group.slug])).content.decode()
    assert "2 coming" in html and "Facilitating:" in html and "record written" in html
    past = html.index('id="past-heading"')
    record_link = html[past:].split('href="', 1)[1].split('"', 1)[0]
    page = client.get(record_link).content.decode()
    assert "<strong>close reading</strong>" in page
