"""A group's uploaded text: its language is detected in the preview, chosen by the organisers
when they save it, and changed later on the text's page; members cannot change it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from studygroup.library.models import Text
from tests.factories import add_member, make_group, make_user
from tests.groups.test_uploads import preview, save, token_of, upload
from tests.library.samples import SAMPLES

pytestmark = pytest.mark.django_db

SPANISH_BOOK = f"""EL CÍRCULO DE LECTURA


CAPÍTULO I. POR QUÉ LEEMOS

{SAMPLES["es"]}


CAPÍTULO II. CÓMO NOS REUNIMOS

{SAMPLES["es"]}
"""


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.WRITE_RATE_LIMIT = "1000/m"
    settings.GROUP_UPLOAD_RATE_LIMIT = "1000/m"


@pytest.fixture
def facilitator():
    return make_user(username="fran", display_name="Fran")


@pytest.fixture
def group(facilitator):
    return make_group(facilitator=facilitator, name="Círculo del martes")


def test_the_preview_shows_the_detected_language_as_the_choice(client, group, facilitator):
    client.force_login(facilitator)
    token = token_of(upload(client, group, SPANISH_BOOK, name="circulo.txt"))
    response = preview(client, group, token)
    assert response.context["form"]["language"].value() == "es"
    page = response.content.decode()
    assert '<option value="es" selected>' in page
    assert '<dd id="import-language">Spanish</dd>' in page


@pytest.mark.parametrize(("chosen", "stored"), [("", "es"), ("ca", "ca")])
def test_saving_keeps_the_detected_or_the_chosen_language(
    client, group, facilitator, chosen, stored
):
    client.force_login(facilitator)
    token = token_of(upload(client, group, SPANISH_BOOK, name="circulo.txt"))
    assert save(client, group, token, title="El círculo", language=chosen).status_code == 302
    assert Text.objects.get().language == stored


def test_a_language_that_is_no_choice_is_refused(client, group, facilitator):
    client.force_login(facilitator)
    token = token_of(upload(client, group, SPANISH_BOOK, name="circulo.txt"))
    response = save(client, group, token, title="El círculo", language="klingon")
    assert response.status_code == 400
    assert not Text.objects.exists()


def test_organisers_change_it_later_and_members_cannot(client, group, facilitator):
    client.force_login(facilitator)
    token = token_of(upload(client, group, SPANISH_BOOK, name="circulo.txt"))
    save(client, group, token, title="El círculo")
    text = Text.objects.get()
    url = reverse("groups:text_details", args=[group.slug, text.pk])
    edit = client.get(reverse("groups:text_edit", args=[group.slug, text.pk])).content.decode()
    assert '<option value="es" selected>' in edit

    member = make_user(username="mo")
    add_member(group, member)
    client.force_login(member)
    assert client.post(url, {"title": "X", "language": "de"}).status_code in (403, 404)
    text.refresh_from_db()
    assert (text.title, text.language) == ("El círculo", "es")

    client.force_login(facilitator)
    client.post(url, {"title": "El círculo", "author": "", "language": "gl"})
    text.refresh_from_db()
    assert text.language == "gl"
    # An empty choice leaves the language as it was.
    client.post(url, {"title": "El círculo", "author": "", "language": ""})
    text.refresh_from_db()
    assert text.language == "gl"
