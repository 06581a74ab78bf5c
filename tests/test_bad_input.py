"""Malformed input never gives a 5xx: every URL, query parameter and form integer is bounded.

The URL test walks the project's whole resolver, so a route added later with an integer in
it is covered without anyone remembering to add it here.
"""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from django.views import defaults

from studygroup.discussion.models import Comment
from studygroup.groups.models import Adoption
from studygroup.groups.services import GroupError, adopt_text
from studygroup.library.models import Reading, Section
from studygroup.params import IdConverter
from studygroup.views import csrf_failure
from tests.discovery.world import make_world
from tests.factories import adopt, make_group, make_readings, make_text, make_user

pytestmark = pytest.mark.django_db

HUGE = [str(2**63), str(10**30)]
# Digits that are not ASCII: int() takes them, a database column does not expect them.
ODD = ["-1", str(2**63), "-" + str(10**30), "١٢٣", "1e3", ""]


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.COMMENT_RATE_LIMIT = "1000/m"
    settings.WRITE_RATE_LIMIT = "1000/m"


def _routes(resolver: URLResolver, prefix: str = "") -> list[tuple[str, dict]]:
    """Every (route, converters) of the project, prefixes joined, converters by name."""
    found = []
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        route = prefix + str(pattern)
        if isinstance(entry, URLResolver):
            found.extend(_routes(entry, route))
        elif isinstance(entry, URLPattern):
            found.append(route)
    return found


_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_ID = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def _numeric_params(route: str) -> list[str]:
    names = []
    for m in _PARAM.finditer(route):
        conv = m.group("conv")
        if conv in ("int", "id") or m.group("name") in ("object_id", "pk", "id"):
            names.append(m.group("name"))
    return names


def _fill(route: str, world, huge: dict[str, str]) -> str:
    """A concrete path for `route`: real slugs, plausible strings, `huge` for chosen ints."""
    group, text = world.group, world.reading.text

    def value(m: re.Match) -> str:
        conv, name = m.group("conv"), m.group("name")
        if name in huge:
            return huge[name]
        if conv in ("int", "id") or name in ("object_id", "pk"):
            return "1"
        if name == "text" or route.startswith("library/"):
            return text.slug
        if conv == "slug":
            return group.slug
        return {"action": "hide", "fmt": "csv", "token": "x"}.get(name, "x")

    path = _PARAM.sub(value, route)
    # Admin's regex routes (app lists): drop anchors, keep the first alternative.
    path = path.replace("^", "").replace("$", "")
    path = re.sub(r"\(\?P<\w+>([^|)]*)[^)]*\)", r"\1", path)
    return "/" + path


def test_the_walker_sees_the_id_routes():
    routes = _routes(get_resolver())
    numeric = [r for r in routes if _numeric_params(r)]
    # Comments, moderation, schedule, members, admin: dozens of routes carry an integer.
    assert len(numeric) > 40
    assert not [r for r in routes if "<int:" in r], "use <id:...> for integers in URLs"


def test_no_route_answers_a_huge_integer_with_a_5xx(client):
    world = make_world(is_public=True)
    staff = world.users["admin"]
    routes = [r for r in _routes(get_resolver()) if _numeric_params(r)]
    failures = []
    for user in (None, staff):
        client.logout()
        if user is not None:
            client.force_login(user)
        for route in routes:
            for name in _numeric_params(route):
                for huge in HUGE:
                    path = _fill(route, world, {name: huge})
                    for method in (client.get, client.post):
                        status = method(path).status_code
                        if status >= 500:
                            failures.append((user and "staff", method.__name__, path, status))
    assert failures == []


def test_the_id_converter_only_takes_what_fits_a_column():
    converter = IdConverter()
    assert converter.to_python(str(2**63 - 1)) == 2**63 - 1
    for bad in (str(2**63), "0"):
        with pytest.raises(ValueError):
            converter.to_python(bad)
    assert re.fullmatch(IdConverter.regex, "1" * 20) is None
    assert IntConverter  # Django's own <int:> has no bound: the walker above forbids it


# --- Error pages for requests that never reached the auth middleware --------------------


@pytest.mark.parametrize("ssl_redirect", [False, True])
def test_a_host_not_allowed_is_a_400_page(settings, ssl_redirect):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = ssl_redirect  # production: SecurityMiddleware asks first
    client = Client()  # built after the override, so its middleware reads it
    for path in ("/", "/groups/", "/no-such-page/", "/search/?q=x"):
        response = client.get(path, headers={"host": "evil.example"}, secure=ssl_redirect)
        assert response.status_code == 400, path
        assert "That request didn't make sense to us" in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "status", "words"),
    [
        (defaults.bad_request, 400, "That request didn't make sense to us"),
        (defaults.permission_denied, 403, "Error 403"),
        (defaults.page_not_found, 404, "We couldn't find that page"),
        (defaults.server_error, 500, "Something went wrong on our side"),
    ],
)
def test_every_error_page_renders_without_a_user_or_a_session(handler, status, words):
    request = RequestFactory().get("/")  # no session, no user: as before any middleware
    response = handler(request, Exception()) if status != 500 else handler(request)
    assert response.status_code == status
    assert words in response.content.decode()


def test_the_csrf_failure_page_renders_without_a_user_or_a_session():
    request = RequestFactory().post("/")
    response = csrf_failure(request, reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert "Your session has expired" in response.content.decode()


# --- Secret tokens in URLs ------------------------------------------------------------


@pytest.mark.parametrize("token", ["é", "ü" * 43, "日本", "\u2028"])
def test_a_non_ascii_feed_token_is_a_404_not_a_500(client, token):
    world = make_world(is_public=False, discussion=False)
    slug = world.group.slug
    for path in (
        f"/groups/{slug}/calendar/{token}.ics",
        f"/groups/{slug}/feeds/readings/{token}.atom",
        f"/groups/{slug}/feeds/comments/{token}.atom",
        f"/groups/join/{token}/",
        f"/notifications/unsubscribe/{token}/",
    ):
        assert client.get(path).status_code == 404, path
    # A member's real token still opens the calendar.
    own_token = world.group.memberships.get(user=world.member).feed_token
    assert client.get(f"/groups/{slug}/calendar/{own_token}.ics").status_code == 200


# --- Query parameters -------------------------------------------------------------------


def _query_param_urls(world) -> list[tuple[str, dict, str]]:
    """(path, other parameters, parameter) for every integer a page reads from its query."""
    group, reading, root = world.group, world.reading, world.comments["root"]
    base = f"/groups/{group.slug}"
    week = f"{base}/texts/{reading.text.slug}/weeks/{reading.number}/"
    urls = [
        ("/search/", {"q": "circle", "kind": "comment"}, "page"),
        ("/search/", {"q": "circle"}, "page"),
        ("/admin/library/reading/", {}, "text__id__exact"),
        (f"{base}/comments/{root.pk}/reply/", {}, "in"),
    ]
    for path in (
        week,
        f"{base}/weeks/{reading.number}/",
        f"{base}/readings/{reading.pk}/discussion/",
        f"{base}/readings/{reading.pk}/thread/",
        f"{base}/readings/{reading.pk}/poll/",
    ):
        urls += [(path, {}, name) for name in ("paragraph", "upto", "question", "n", "in")]
    return urls


def test_every_query_parameter_takes_any_value_without_a_5xx(client):
    world = make_world(is_public=True)
    failures = []
    for user in (None, world.users["admin"]):
        client.logout()
        if user is not None:
            client.force_login(user)
        for path, params, name in _query_param_urls(world):
            # Thread and poll answer HTMX only (else they redirect to the page).
            htmx = {"HX-Request": "true"} if path.endswith(("/thread/", "/poll/")) else {}
            for value in ODD:
                response = client.get(path, {**params, name: value}, headers=htmx)
                if response.status_code >= 500:
                    failures.append((path, name, value, response.status_code))
    assert failures == []


@pytest.mark.parametrize("page", [str(10**18), str(2**63), str(10**30), "-5", "٣"])
def test_search_past_the_last_page_is_an_empty_page(client, page):
    make_world(is_public=True)
    response = client.get("/search/", {"q": "circle", "kind": "comment", "page": page})
    assert response.status_code == 200


@pytest.mark.parametrize("view", ["thread", "poll"])
def test_thread_and_poll_take_a_huge_paragraph_anonymously(client, view):
    world = make_world(is_public=True)
    path = f"/groups/{world.group.slug}/readings/{world.reading.pk}/{view}/"
    for value in (str(10**18), str(2**63), str(10**30)):
        response = client.get(path, {"paragraph": value}, headers={"HX-Request": "true"})
        assert response.status_code < 500, value


# --- Forms: validated before anything is saved -------------------------------------------


@pytest.mark.parametrize("field", ["in", "parent", "paragraph", "question"])
@pytest.mark.parametrize("value", [str(2**63), str(10**30), "-3", "٣", "0"])
@pytest.mark.parametrize("htmx", [False, True])
def test_a_comment_with_a_bad_integer_is_refused_and_not_saved(client, field, value, htmx):
    world = make_world(is_public=True)
    client.force_login(world.member)
    before = Comment.objects.count()
    response = client.post(
        f"/groups/{world.group.slug}/readings/{world.reading.pk}/comments/",
        {"body": "A thought about the circle.", field: value},
        headers={"HX-Request": "true"} if htmx else {},
    )
    assert 400 <= response.status_code < 500 or (
        response.status_code == 200 and "comment-form" in response.content.decode()
    )
    assert Comment.objects.count() == before


def test_a_comment_filtered_to_a_paragraph_of_another_week_is_refused_before_saving(client):
    world = make_world(is_public=True)
    client.force_login(world.member)
    elsewhere = world.paragraphs(world.readings[2])[0]
    before = Comment.objects.count()
    response = client.post(
        f"/groups/{world.group.slug}/readings/{world.reading.pk}/comments/",
        {"body": "A thought.", "in": str(elsewhere.pk)},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "That passage is not in this week" in response.content.decode()
    assert Comment.objects.count() == before


# --- Dates and other schedule inputs -------------------------------------------------------


@pytest.fixture
def schedule_world():
    facilitator = make_user()
    group = make_group(facilitator=facilitator, meeting_weekday=1)
    adoption = adopt(group, start_date=date(2030, 1, 1), weeks=3)
    return group, facilitator, adoption


@pytest.mark.parametrize("start", ["9999-12-31", "9999-12-20", "0001-01-01", "2200-01-01"])
def test_adopting_with_a_date_out_of_range_is_a_form_error(client, schedule_world, start):
    group, facilitator, _ = schedule_world
    text = make_text(chapters=2)
    make_readings(text)
    client.force_login(facilitator)
    response = client.post(
        f"/groups/{group.slug}/schedule/adopt/", {"text": text.pk, "start_date": start}
    )
    assert response.status_code == 400
    assert "Choose a date between" in response.content.decode()
    assert not Adoption.objects.filter(group=group, text=text).exists()


def test_a_start_date_at_the_edge_of_the_range_still_adopts(client, schedule_world):
    group, facilitator, _ = schedule_world
    text = make_text(chapters=2)
    make_readings(text)
    client.force_login(facilitator)
    response = client.post(
        f"/groups/{group.slug}/schedule/adopt/", {"text": text.pk, "start_date": "2199-12-31"}
    )
    assert response.status_code == 302
    assert Adoption.objects.filter(group=group, text=text).exists()


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("skip", {"date": "9999-12-28"}),
        ("skip", {"date": "0001-01-02"}),
        ("unskip", {"date": "9999-12-28"}),
        ("shift", {"week": str(2**63), "weeks": "1"}),
        ("shift", {"week": "1", "weeks": str(10**30)}),
        ("shift", {"week": "٣", "weeks": "1"}),
    ],
)
def test_skip_unskip_and_shift_refuse_bad_values_without_a_change(
    client, schedule_world, action, data
):
    group, facilitator, adoption = schedule_world
    client.force_login(facilitator)
    prefix = "" if action == "unskip" else f"a{adoption.pk}-"
    before = (adoption.start_date, adoption.skipped_dates)
    response = client.post(
        f"/groups/{group.slug}/schedule/{adoption.pk}/{action}/",
        {prefix + key: value for key, value in data.items()},
    )
    assert response.status_code in (302, 404)
    adoption.refresh_from_db()
    assert (adoption.start_date, adoption.skipped_dates) == before


def test_a_schedule_past_the_year_9999_is_a_group_error_not_a_crash():
    group = make_group(meeting_weekday=1)
    text = make_text(chapters=3)
    make_readings(text)
    with pytest.raises(GroupError, match="past the end of the calendar"):
        adopt_text(group=group, text=text, start_date=date(9999, 12, 20))
    assert not Adoption.objects.filter(group=group).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("meeting_minutes", "0"),
        ("meeting_minutes", str(10**30)),
        ("meeting_minutes", "100000"),
        ("meeting_time", "25:61"),
        ("meeting_time", "99999999999:00"),
        ("meeting_weekday", "9"),
        ("meeting_weekday", str(2**63)),
    ],
)
def test_group_settings_refuse_values_the_database_would_not_take(client, field, value):
    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    client.force_login(facilitator)
    data = {
        "name": group.name,
        "description": "",
        "timezone": "UTC",
        "meeting_weekday": "1",
        "meeting_time": "19:00",
        "meeting_minutes": "90",
        field: value,
    }
    response = client.post(f"/groups/{group.slug}/edit/", data)
    assert response.status_code in (200, 400)
    assert "errorlist" in response.content.decode()
    group.refresh_from_db()
    assert group.meeting_minutes == 90


@pytest.mark.parametrize(
    ("data"),
    [{"days": str(10**30)}, {"days": "14", "max_uses": str(2**63)}, {"days": "٣"}],
)
def test_invitation_numbers_are_bounded(client, data):
    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    client.force_login(facilitator)
    response = client.post(f"/groups/{group.slug}/invitations/new/", data)
    assert response.status_code < 500
    assert not group.invitations.exists()


# --- The admin -------------------------------------------------------------------------------


def test_every_admin_changelist_takes_huge_ids_in_actions_and_filters(client):
    world = make_world(is_public=True)
    client.force_login(world.users["admin"])
    request = RequestFactory().get("/")
    request.user = world.users["admin"]
    failures = []
    for model, model_admin in admin.site._registry.items():
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        actions = [name for name, _label in model_admin.get_action_choices(request) if name]
        for ids in ([str(10**30)], ["1", str(2**63)]):
            for action in actions[:3]:
                data = {"action": action, "_selected_action": ids, "index": "0"}
                status = client.post(url, data).status_code
                if status >= 500:
                    failures.append((url, action, ids, status))
        for query in ({"p": str(10**30)}, {"o": str(10**30)}, {"id__exact": str(2**63)}):
            status = client.get(url, query).status_code
            if status >= 500:
                failures.append((url, query, status))
    assert failures == []


# --- The rule stays true -----------------------------------------------------------------

REQUEST_DATA = {"GET", "POST", "COOKIES", "META", "headers", "body", "FILES", "session"}
PACKAGE = Path(__file__).resolve().parent.parent / "studygroup"


def _reads_request_data(node: ast.AST) -> bool:
    return any(
        (isinstance(sub, ast.Attribute) and sub.attr in REQUEST_DATA)
        or (isinstance(sub, ast.Name) and sub.id == "request")
        for sub in ast.walk(node)
    )


def _tainted_names(tree: ast.AST) -> set[str]:
    """Names assigned from request data anywhere in the module (a crude, module-wide taint)."""
    return {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _reads_request_data(node.value)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _guarded_by_value_error(tree: ast.AST) -> set[ast.AST]:
    """int() calls inside `try: ... except ValueError`: a hand-rolled parser of input."""
    calls = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        names = {
            sub.id
            for handler in node.handlers
            if handler.type is not None
            for sub in ast.walk(handler.type)
            if isinstance(sub, ast.Name)
        }
        if "ValueError" in names:
            calls.update(sub for stmt in node.body for sub in ast.walk(stmt))
    return calls


def _offences(tree: ast.AST) -> list[tuple[int, str]]:
    tainted = _tainted_names(tree)
    guarded = _guarded_by_value_error(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "int":
            if node in guarded or any(
                _reads_request_data(arg)
                or any(isinstance(sub, ast.Name) and sub.id in tainted for sub in ast.walk(arg))
                for arg in node.args
            ):
                found.append((node.lineno, "int() on request data: use params.bounded_int"))
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in ("IntegerField", "DateField")
            and isinstance(func.value, ast.Name)
            and func.value.id == "forms"
        ):
            found.append((node.lineno, f"forms.{func.attr}: use params.Bounded{func.attr}"))
    return sorted(found)


def test_no_int_of_request_data_outside_params():
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "params.py" or "migrations" in path.parts:
            continue
        for line, why in _offences(ast.parse(path.read_text(), filename=str(path))):
            offences.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {why}")
    assert offences == []


def test_the_rule_catches_what_it_is_meant_to():
    caught = _offences(
        ast.parse(
            "page = int(request.GET.get('page'))\n"
            "n = int(self.request.headers['X-N'])\n"
            "field = forms.IntegerField()\n"
            "fine = int(len(blocks) * 0.4)\n"
            "text_id = request.GET.get('t', '')\n"
            "t = int(text_id) if text_id.isdigit() else None\n"
            "try:\n"
            "    v = int(value)\n"
            "except (TypeError, ValueError):\n"
            "    v = None\n"
        )
    )
    assert [line for line, _ in caught] == [1, 2, 3, 6, 8]


# --- NUL characters (PostgreSQL refuses them in any text) ---------------------------------


def test_a_nul_character_in_any_text_part_of_a_url_is_a_400(client):
    world = make_world(is_public=True, discussion=False)
    routes = [r for r in _routes(get_resolver()) if re.search(r"<(str|path):", r)]
    assert len(routes) > 5
    statuses = {}
    for route in routes:
        text_params = [
            m.group("name") for m in _PARAM.finditer(route) if m.group("conv") in ("str", "path")
        ]
        path = _fill(route, world, dict.fromkeys(text_params, "a%00b"))
        statuses[path] = client.get(path).status_code
    assert set(statuses.values()) == {400}, statuses


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/search/", {"q": "circle\x00"}),
        ("/search/", {"q": "circle", "kind": "\x00"}),
        ("/library/", {"tag": "\x00"}),
        ("/accounts/login/", {"next": "/\x00"}),
        ("/groups/", {"\x00": "1"}),
    ],
)
def test_a_nul_character_in_the_query_string_is_a_400(client, path, query):
    make_world(is_public=True, discussion=False)
    assert client.get(path, query).status_code == 400


def test_a_nul_character_in_a_posted_field_is_a_400_and_changes_nothing(client):
    world = make_world(is_public=True)
    client.force_login(world.facilitator)
    comment = world.comments["week2"]
    response = client.post(
        f"/groups/{world.group.slug}/comments/{comment.pk}/delete/", {"reason": "spam\x00"}
    )
    assert response.status_code == 400
    comment.refresh_from_db()
    assert not comment.is_deleted


# --- Choice fields and curation forms fed huge ids -----------------------------------------

HUGE_AND_ODD = [str(2**63), str(10**30), "-1", "٣"]


@pytest.mark.parametrize("value", HUGE_AND_ODD)
def test_adopting_a_text_by_a_huge_id_is_a_form_error(client, schedule_world, value):
    group, facilitator, _ = schedule_world
    client.force_login(facilitator)
    response = client.post(f"/groups/{group.slug}/schedule/adopt/", {"text": value})
    assert response.status_code == 400
    assert Adoption.objects.filter(group=group).count() == 1


@pytest.mark.parametrize("value", HUGE_AND_ODD)
@pytest.mark.parametrize("field", ["reading", "section", "paragraph"])
def test_refining_a_week_with_a_huge_number_changes_nothing(client, field, value):
    world = make_world(is_public=True, discussion=False)
    client.force_login(world.users["admin"])
    text = world.reading.text
    before = list(Reading.objects.filter(text=text).values_list("number", "start_section_id"))
    data = {"action": "move", "reading": "2", "section": str(world.readings[1].start_section_id)}
    data[field] = value
    response = client.post(f"/library/{text.slug}/readings/edit/", data)
    assert response.status_code < 500
    after = list(Reading.objects.filter(text=text).values_list("number", "start_section_id"))
    assert after == before


@pytest.mark.parametrize("value", [str(2**63), str(10**30), "-1"])
def test_splitting_a_section_in_the_admin_at_a_huge_paragraph_is_a_form_error(client, value):
    world = make_world(is_public=True, discussion=False)
    client.force_login(world.users["admin"])
    section = world.reading.start_section
    count = Section.objects.filter(text=section.text).count()
    response = client.post(
        f"/admin/library/section/{section.pk}/split/",
        {"at_paragraph": value, "title": "New", "level": "2"},
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert Section.objects.filter(text=section.text).count() == count


@pytest.mark.parametrize("pk", [str(2**63), str(10**30)])
def test_a_moderation_url_with_a_huge_id_is_a_404(client, pk):
    world = make_world(is_public=True)
    client.force_login(world.facilitator)
    base = f"/groups/{world.group.slug}/moderation"
    for path in (
        f"{base}/comments/{pk}/",
        f"{base}/comments/{pk}/hide/",
        f"{base}/reports/{pk}/resolve/",
    ):
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"reason": "x"}).status_code == 404, path
