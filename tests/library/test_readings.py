from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import override_settings

from studygroup.groups import services as group_services
from studygroup.library.models import Question, Reading, Section, Text
from studygroup.library.readings import (
    ReadingError,
    check_readings,
    generate_readings,
    html_cache_key,
    merge_with_next,
    move_boundary,
    reading_content,
    reading_html,
    retitle,
    split_reading,
)
from studygroup.library.splitting import (
    Boundary,
    SectionInfo,
    propose_readings,
    readings_from_boundaries,
)
from studygroup.policy import can_edit_readings
from tests.factories import make_book, make_question, make_shaped_text, make_text, make_user

pytestmark = pytest.mark.django_db


def readings_of(text) -> list[Reading]:
    return list(Reading.objects.filter(text=text).order_by("number"))


def section(text, title: str) -> Section:
    return Section.objects.get(text=text, title=title)


def body_words(text) -> int:
    return sum(s.words for s in text.sections.filter(kind="body"))


# --- the pure part -----------------------------------------------------------------------------


def test_readings_from_boundaries_describes_the_splitters_own_cuts_identically():
    sections = [
        SectionInfo("Preface", 1, "front", [10]),
        SectionInfo("Part I", 1, "body", []),
        SectionInfo("One", 1, "body", [100, 100, 100]),
        SectionInfo("Two", 1, "body", [200, 50]),
        SectionInfo("Two, b", 2, "body", [300]),
        SectionInfo("Notes", 1, "back", [40]),
    ]
    for proposed in (
        propose_readings(sections, weeks=3),
        propose_readings(sections, weeks=5),
        propose_readings(sections, minutes_per_week=1, include_back=True),
    ):
        cuts = [*(r.start for r in proposed), proposed[-1].end]
        assert readings_from_boundaries(sections, cuts) == proposed


def test_readings_from_boundaries_refuses_empty_or_unordered_readings():
    sections = [SectionInfo("Part", 1, "body", []), SectionInfo("One", 1, "body", [10, 10])]
    with pytest.raises(ValueError, match="no paragraph"):
        readings_from_boundaries(sections, [Boundary(0), Boundary(1), Boundary(2)])
    with pytest.raises(ValueError, match="reading order"):
        readings_from_boundaries(sections, [Boundary(1, 1), Boundary(1), Boundary(2)])
    with pytest.raises(ValueError, match="no such place"):
        readings_from_boundaries(sections, [Boundary(1), Boundary(1, 2)])


# --- generating --------------------------------------------------------------------------------


def test_generate_by_weeks_covers_the_body_exactly_once():
    text = make_book(chapters=6)
    readings = generate_readings(text, weeks=4)
    assert [r.number for r in readings_of(text)] == [1, 2, 3, 4]
    assert check_readings(text) == []
    assert sum(r.words for r in readings_of(text)) == body_words(text)
    first, last = readings_of(text)[0], readings_of(text)[-1]
    assert first.start_section == section(text, "Chapter 1")
    # The back matter is left out: the last week stops at the Notes heading.
    assert last.end_section == section(text, "Notes") and last.end_paragraph == 0
    assert [r.pk for r in readings] == [r.pk for r in readings_of(text)]
    assert all(r.minutes >= 1 and r.title for r in readings)


def test_generate_by_minutes_uses_the_reading_speed():
    text = make_book(chapters=6, paragraphs=4, words=50)  # 7 units of 200 words
    generate_readings(text, minutes_per_week=2, words_per_minute=100)
    readings = readings_of(text)
    assert len(readings) == 7
    assert {r.minutes for r in readings} == {2}
    assert check_readings(text) == []


def test_generate_with_front_and_back_matter_reaches_the_end_of_the_text():
    text = make_book(chapters=3)
    generate_readings(text, weeks=2, include_front=True, include_back=True)
    readings = readings_of(text)
    assert readings[0].start_section == section(text, "Preface")
    assert readings[-1].end_section is None
    assert sum(r.words for r in readings) == text.words


def test_generate_refuses_a_text_without_body():
    text = make_shaped_text([("Preface", 1, "front", [10])])
    with pytest.raises(ReadingError, match="no body text"):
        generate_readings(text, weeks=2)
    with pytest.raises(ReadingError, match="exactly one"):
        generate_readings(make_book(), weeks=2, minutes_per_week=3)


def test_regenerating_reuses_rows_by_number_and_creates_the_missing_ones():
    text = make_book(chapters=6)
    before = {r.number: r.pk for r in generate_readings(text, weeks=3)}
    question = make_question(readings_of(text)[2])
    generate_readings(text, weeks=5)
    after = {r.number: r.pk for r in readings_of(text)}
    assert [after[n] for n in (1, 2, 3)] == [before[n] for n in (1, 2, 3)]
    assert len(after) == 5
    question.refresh_from_db()
    assert question.reading_id == before[3]
    assert check_readings(text) == []


def test_regenerating_deletes_surplus_weeks_nothing_points_at():
    text = make_book(chapters=6)
    generate_readings(text, weeks=5)
    make_question(readings_of(text)[0])
    generate_readings(text, weeks=2)
    assert [r.number for r in readings_of(text)] == [1, 2]
    assert Question.objects.filter(reading__text=text).count() == 1
    assert check_readings(text) == []


def test_regenerating_refuses_to_delete_a_week_with_questions():
    text = make_book(chapters=6)
    generate_readings(text, weeks=5)
    before = [(r.pk, r.start_section_id, r.words) for r in readings_of(text)]
    make_question(readings_of(text)[3], body="Why four?")
    make_question(readings_of(text)[3], body="And why not five?")
    with pytest.raises(ReadingError, match=r"Week 4 has 2 questions; move or delete them"):
        generate_readings(text, weeks=2)
    # All or nothing: the earlier weeks were not touched either.
    assert [(r.pk, r.start_section_id, r.words) for r in readings_of(text)] == before


def test_regenerating_keeps_a_persons_title_only_where_the_week_is_unchanged():
    text = make_book(chapters=6)
    generate_readings(text, weeks=3)
    first, second = readings_of(text)[:2]
    retitle(first, title="Beginnings")
    retitle(second, title="The middle")
    generate_readings(text, weeks=3)
    assert [r.title for r in readings_of(text)[:2]] == ["Beginnings", "The middle"]
    generate_readings(text, weeks=4)
    # Week 1 still starts at chapter 1 but now ends earlier, so it gets a derived title again.
    assert readings_of(text)[0].title.startswith("Chapter 1")


# --- refining ----------------------------------------------------------------------------------


def test_move_boundary_earlier_and_later_keeps_readings_contiguous():
    text = make_book(chapters=6)
    generate_readings(text, weeks=3)
    second = readings_of(text)[1]
    old_start = second.start_section
    earlier = Section.objects.get(text=text, position=old_start.position - 1)
    move_boundary(second, section=earlier)
    assert second.start_section == earlier
    assert check_readings(text) == []
    move_boundary(second, section=old_start, paragraph=2)
    assert (second.start_section, second.start_paragraph) == (old_start, 2)
    first = readings_of(text)[0]
    assert (first.end_section, first.end_paragraph) == (old_start, 2)
    assert "part 1 of 2" in first.title and "part 2 of 2" in second.title
    assert check_readings(text) == []
    assert sum(r.words for r in readings_of(text)) == body_words(text)


def test_move_boundary_refuses_crossing_emptying_and_week_one():
    text = make_book(chapters=6)
    generate_readings(text, weeks=3)
    first, second, third = readings_of(text)
    with pytest.raises(ReadingError, match="Week 1 starts"):
        move_boundary(first, section=first.start_section, paragraph=1)
    with pytest.raises(ReadingError, match="must start after week 1"):
        move_boundary(second, section=third.start_section, paragraph=1)
    with pytest.raises(ReadingError, match="must start after week 1"):
        move_boundary(second, section=first.start_section)
    with pytest.raises(ReadingError, match="has 4 paragraphs"):
        move_boundary(second, section=second.start_section, paragraph=4)
    with pytest.raises(ReadingError, match="not a section of"):
        move_boundary(second, section=make_book().sections.first())
    assert check_readings(text) == []


def test_move_boundary_refuses_a_week_holding_only_a_heading():
    text = make_shaped_text(
        [
            ("One", 1, "body", [50, 50]),
            ("Part II", 1, "body", []),
            ("Two", 1, "body", [50, 50]),
            ("Three", 1, "body", [50, 50]),
        ]
    )
    generate_readings(text, weeks=3)
    second, third = readings_of(text)[1:]
    assert second.start_section == section(text, "Part II")
    # Week 2 would keep the "Part II" heading and nothing to read.
    with pytest.raises(ReadingError, match="no paragraph"):
        move_boundary(third, section=section(text, "Two"))
    assert check_readings(text) == []


def test_split_inserts_a_week_and_renumbers_the_later_ones():
    text = make_book(chapters=6)
    generate_readings(text, weeks=3)
    first, second, third = readings_of(text)
    question = make_question(third)
    new = split_reading(first, section=first.start_section, paragraph=2)
    readings = readings_of(text)
    assert [r.number for r in readings] == [1, 2, 3, 4]
    assert [r.pk for r in readings] == [first.pk, new.pk, second.pk, third.pk]
    assert (new.start_section, new.start_paragraph) == (first.start_section, 2)
    question.refresh_from_db()
    assert question.reading.number == 4
    assert check_readings(text) == []
    with pytest.raises(ReadingError, match="inside it"):
        split_reading(readings[1], section=readings[0].start_section)


def test_merge_moves_questions_and_renumbers():
    text = make_book(chapters=6)
    generate_readings(text, weeks=4)
    first, second, third, fourth = readings_of(text)
    make_question(first, position=0)
    moved = make_question(second, position=0)
    merged = merge_with_next(first)
    assert merged.words == first.words
    readings = readings_of(text)
    assert [r.pk for r in readings] == [first.pk, third.pk, fourth.pk]
    assert [r.number for r in readings] == [1, 2, 3]
    assert readings[0].end_section_id == third.start_section_id
    moved.refresh_from_db()
    assert (moved.reading_id, moved.position) == (first.pk, 1)
    assert check_readings(text) == []
    with pytest.raises(ReadingError, match="last week"):
        merge_with_next(readings[-1])


def test_refinements_keep_the_body_covered_exactly_once_through_a_sequence():
    text = make_book(chapters=8)
    generate_readings(text, weeks=5)
    for step in range(6):
        readings = readings_of(text)
        r = readings[step % len(readings)]
        if step % 3 == 0:
            split_reading(r, section=r.start_section, paragraph=1)
        elif step % 3 == 1 and r.number < len(readings):
            merge_with_next(r)
        elif r.number > 1:
            move_boundary(r, section=r.start_section, paragraph=1)
        assert check_readings(text) == [], step
        assert sum(x.words for x in readings_of(text)) == body_words(text)


def test_retitle_and_reset_to_the_derived_title():
    text = make_book(chapters=6)
    generate_readings(text, weeks=3)
    first = readings_of(text)[0]
    derived = first.title
    retitle(first, title="  In the   beginning ")
    assert first.title == "In the beginning"
    split_reading(first, section=first.start_section, paragraph=1)
    assert readings_of(text)[0].title == "In the beginning"
    retitle(first, title="")
    assert first.title != "In the beginning"
    assert first.title.startswith(derived.split(" – ")[0])


def test_check_readings_finds_gaps_overlaps_and_numbering():
    text = make_book(chapters=6)
    generate_readings(text, weeks=3)
    first, second, third = readings_of(text)
    Reading.objects.filter(pk=second.pk).update(start_paragraph=1)
    assert check_readings(text) == ["gap between week 1 and week 2"]
    Reading.objects.filter(pk=first.pk).update(end_section=third.start_section)
    assert "week 1 and week 2 overlap" in check_readings(text)
    Reading.objects.filter(pk=third.pk).update(number=7)
    assert "week numbers are [1, 2, 7], not 1 to 3" in check_readings(text)
    Reading.objects.filter(pk=third.pk).delete()
    assert "body text after week 2 is in no reading" in check_readings(text)
    with pytest.raises(ReadingError, match="need regenerating"):
        retitle(first, title="x")


# --- showing a week ----------------------------------------------------------------------------


def test_reading_content_trims_sections_at_the_boundaries():
    text = make_book(chapters=4, paragraphs=4)
    generate_readings(text, weeks=2)
    first, second = readings_of(text)
    move_boundary(second, section=second.start_section, paragraph=1)
    first.refresh_from_db()
    content = reading_content(first)
    last_section, last_paragraphs = content[-1]
    assert last_section == second.start_section
    assert [p.position for p in last_paragraphs] == [0]
    start_section, start_paragraphs = reading_content(second)[0]
    assert start_section == second.start_section
    assert [p.position for p in start_paragraphs] == [1, 2, 3]
    all_ids = [p.pk for r in (first, second) for _, ps in reading_content(r) for p in ps]
    body_ids = list(
        text.sections.filter(kind="body")
        .order_by("position")
        .values_list("paragraphs__id", flat=True)
        .order_by("position", "paragraphs__position")
    )
    assert all_ids == body_ids


@pytest.mark.parametrize("chapters", [2, 12])
def test_content_and_html_cost_constant_queries(django_assert_num_queries, chapters):
    text = make_book(chapters=chapters, paragraphs=6, notes=3)
    generate_readings(text, weeks=1)
    reading = Reading.objects.select_related("text").get(text=text)
    with django_assert_num_queries(2):  # sections, paragraphs
        content = reading_content(reading)
    assert len(content) == chapters + 1
    # sections, paragraphs, their page starts, notes, their citing paragraphs
    with django_assert_num_queries(5):
        html = reading_html(reading)
    with django_assert_num_queries(0):
        assert reading_html(reading) == html
    assert html.count('class="para ') == (chapters + 1) * 6
    first = content[0][1][0]
    assert f'id="p-{first.pk}"' in html and 'id="fn-1"' in html
    assert f'class="fn-back" href="#p-{first.pk}"' in html


def test_html_shows_only_notes_cited_in_the_week():
    text = make_shaped_text([("One", 1, "body", [30, 30]), ("Two", 1, "body", [30, 30])], notes=3)
    generate_readings(text, weeks=2)
    first, second = Reading.objects.select_related("text").filter(text=text).order_by("number")
    html_one, html_two = reading_html(first), reading_html(second)
    assert 'id="fn-1"' in html_one and 'id="fn-2"' in html_one
    assert 'id="fn-3"' not in html_one
    assert 'id="fn-3"' in html_two and 'id="fn-1"' not in html_two


def test_html_cache_is_invalidated_by_an_edit_to_the_text():
    text = make_book(chapters=2)
    generate_readings(text, weeks=1)
    reading = Reading.objects.select_related("text").get(text=text)
    paragraph = reading_content(reading)[0][1][0]
    assert "s1 p0" in reading_html(reading)
    # A curator's edit to a paragraph saves the text too, which moves `updated_at`.
    paragraph.html = "Edited by a curator"
    paragraph.save()
    assert "Edited by a curator" not in reading_html(reading)  # still the cached page
    key = html_cache_key(reading)
    reading.text.save()
    assert html_cache_key(reading) != key
    assert "Edited by a curator" in reading_html(reading)


def test_html_cache_key_follows_the_boundaries():
    text = make_book(chapters=4)
    generate_readings(text, weeks=2)
    second = readings_of(text)[1]
    second.text  # noqa: B018  (load it)
    before = reading_html(second)
    move_boundary(second, section=second.start_section, paragraph=1)
    second = Reading.objects.select_related("text").get(pk=second.pk)
    assert reading_html(second) != before


# --- who may edit ------------------------------------------------------------------------------


def make_curator(**extra):
    user = make_user(is_staff=True, **extra)
    user.user_permissions.add(Permission.objects.get(codename="change_reading"))
    return user


def test_can_edit_readings_needs_staff_and_the_permission():
    text = make_text()
    anonymous = type("Anonymous", (), {"is_authenticated": False})()
    assert not can_edit_readings(anonymous, text)
    assert not can_edit_readings(make_user(), text)
    assert not can_edit_readings(make_user(is_staff=True), text)
    assert can_edit_readings(make_curator(), text)
    assert can_edit_readings(make_user(is_staff=True, is_superuser=True), text)


def test_a_facilitator_may_edit_readings_only_of_texts_no_other_group_reads():
    from tests.factories import add_member, make_group

    text = make_book(chapters=4)
    Text.objects.filter(pk=text.pk).update(is_public=False)  # a group's own text
    text.refresh_from_db()
    generate_readings(text, weeks=2)
    facilitator, member = make_user(), make_user()
    group = make_group(facilitator=facilitator)
    add_member(group, member)
    assert not can_edit_readings(facilitator, text)  # the group doesn't read it yet
    group_services.adopt_text(group=group, text=text)
    assert can_edit_readings(facilitator, text)
    assert not can_edit_readings(member, text)
    other = make_group(facilitator=make_user())
    group_services.adopt_text(group=other, text=text)
    assert not can_edit_readings(facilitator, text)  # now it would reshape another group's weeks


def test_a_facilitator_may_not_reshape_the_librarys_curated_split(client):
    """Even as its only reader: a public text's weeks are the library's, shown to everyone and
    copied by every group that adopts it later."""
    from tests.factories import make_group

    text = make_book(chapters=4)
    generate_readings(text, weeks=2)
    facilitator = make_user()
    group_services.adopt_text(group=make_group(facilitator=facilitator), text=text)
    assert not can_edit_readings(facilitator, text)
    client.force_login(facilitator)
    before = [(r.number, r.start_section_id) for r in readings_of(text)]
    response = client.post(
        f"/library/{text.slug}/readings/edit/", {"action": "regenerate", "weeks": 3}
    )
    assert response.status_code == 403
    assert [(r.number, r.start_section_id) for r in readings_of(text)] == before


# --- the in-app pages --------------------------------------------------------------------------


def test_readings_page_lists_published_weeks_to_readers(client):
    text = make_book(chapters=4)
    generate_readings(text, weeks=3)
    Reading.objects.filter(text=text, number=3).update(is_published=False, title="Hidden week")
    html = client.get(f"/library/{text.slug}/readings/").content.decode()
    for r in readings_of(text)[:2]:
        assert r.title in html
        assert f"/library/{text.slug}/readings/{r.number}/" in html
    assert "Hidden week" not in html
    assert "/readings/edit/" not in html
    client.force_login(make_curator())
    html = client.get(f"/library/{text.slug}/readings/").content.decode()
    assert "Hidden week" in html and "/readings/edit/" in html


def test_readings_pages_of_a_restricted_text_are_404_to_outsiders(client):
    text = make_book()
    text.is_public = False
    text.save()
    generate_readings(text, weeks=2)
    for url in ("readings/", "readings/1/", "readings/edit/"):
        assert client.get(f"/library/{text.slug}/{url}").status_code == 404
    client.force_login(make_user())
    assert client.get(f"/library/{text.slug}/readings/edit/").status_code == 404


def test_edit_page_is_403_to_readers_who_may_not_edit(client):
    text = make_book()
    generate_readings(text, weeks=2)
    url = f"/library/{text.slug}/readings/edit/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "merge", "reading": 1}).status_code == 403
    client.force_login(make_user())
    assert client.get(url).status_code == 403
    client.force_login(make_user(is_staff=True))
    assert client.post(url, {"action": "merge", "reading": 1}).status_code == 403
    assert len(readings_of(text)) == 2


def test_reading_page_shows_the_weeks_text(client):
    text = make_book(chapters=4, notes=1)
    generate_readings(text, weeks=2)
    first = readings_of(text)[0]
    html = client.get(f"/library/{text.slug}/readings/1/").content.decode()
    assert first.title in html
    paragraph = reading_content(first)[0][1][0]
    assert f'id="p-{paragraph.pk}"' in html and 'id="fn-1"' in html
    assert f"/library/{text.slug}/readings/2/" in html
    assert client.get(f"/library/{text.slug}/readings/3/").status_code == 404


def test_edit_page_regenerates_and_refines(client):
    text = make_book(chapters=6)
    generate_readings(text, weeks=3)
    client.force_login(make_curator())
    url = f"/library/{text.slug}/readings/edit/"
    assert client.get(url).status_code == 200

    response = client.post(url, {"action": "regenerate", "weeks": 4})
    assert response.status_code == 302
    assert len(readings_of(text)) == 4

    response = client.post(url, {"action": "regenerate", "minutes_per_week": "", "weeks": ""})
    assert "Give either" in response.content.decode()
    assert len(readings_of(text)) == 4

    second = readings_of(text)[1]
    response = client.post(
        url,
        {"action": "move", "reading": 2, "section": second.start_section_id, "paragraph": 1},
    )
    assert response.status_code == 302
    assert readings_of(text)[1].start_paragraph == 1

    client.post(url, {"action": "split", "reading": 1, "section": second.start_section_id})
    assert len(readings_of(text)) == 5
    client.post(url, {"action": "merge", "reading": 1})
    assert len(readings_of(text)) == 4
    client.post(url, {"action": "retitle", "reading": 3, "title": "Week of storms"})
    assert readings_of(text)[2].title == "Week of storms"
    assert check_readings(text) == []


def test_edit_page_shows_a_refused_refinement(client):
    text = make_book(chapters=6)
    generate_readings(text, weeks=5)
    make_question(readings_of(text)[4])
    client.force_login(make_curator())
    url = f"/library/{text.slug}/readings/edit/"
    response = client.post(url, {"action": "regenerate", "weeks": 2})
    assert response.status_code == 200
    assert "Week 5 has 1 question" in response.content.decode()
    assert len(readings_of(text)) == 5


def test_edit_page_answers_htmx_with_the_list_fragment(client):
    text = make_book(chapters=6)
    generate_readings(text, weeks=3)
    client.force_login(make_curator())
    url = f"/library/{text.slug}/readings/edit/"
    response = client.post(url, {"action": "merge", "reading": 1}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="readings"')
    assert "<html" not in html
    assert readings_of(text)[0].title in html
    assert len(readings_of(text)) == 2
    response = client.post(url, {"action": "merge", "reading": 2}, headers={"HX-Request": "true"})
    assert "last week" in response.content.decode()


# --- the admin ---------------------------------------------------------------------------------


def test_admin_regenerate_shows_old_and_new_split_before_saving(client):
    text = make_book(chapters=6)
    generate_readings(text, weeks=2)
    old_titles = [r.title for r in readings_of(text)]
    client.force_login(make_curator())
    url = f"/admin/library/reading/regenerate/{text.pk}/"
    assert client.get(url).status_code == 200

    response = client.post(url, {"weeks": 4, "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Current split" in html and "New split" in html
    new = propose_readings_titles(text, weeks=4)
    for title in [*old_titles, *new]:
        assert title in html
    assert len(readings_of(text)) == 2  # nothing saved yet

    response = client.post(url, {"weeks": 4, "confirm": "1"})
    assert response.status_code == 302
    assert [r.title for r in readings_of(text)] == new


def propose_readings_titles(text, **options) -> list[str]:
    from studygroup.library.readings import preview_readings

    return [p.title for p in preview_readings(text, **options)]


def test_admin_regenerate_reports_a_refusal_and_needs_the_permission(client):
    text = make_book(chapters=6)
    generate_readings(text, weeks=4)
    make_question(readings_of(text)[3])
    url = f"/admin/library/reading/regenerate/{text.pk}/"
    client.force_login(make_user(is_staff=True))
    assert client.post(url, {"weeks": 2, "confirm": "1"}).status_code == 403
    client.force_login(make_curator())
    response = client.post(url, {"weeks": 2, "confirm": "1"})
    assert "Week 4 has 1 question" in response.content.decode()
    assert len(readings_of(text)) == 4


def test_admin_lists_readings_and_refines_from_the_change_page(client):
    text = make_book(chapters=6)
    generate_readings(text, weeks=3)
    first = readings_of(text)[0]
    make_question(first, body="Curated question here")
    client.force_login(make_curator(is_superuser=True))
    html = client.get("/admin/library/reading/").content.decode()
    assert first.title in html
    html = client.get(f"/admin/library/reading/{first.pk}/change/").content.decode()
    assert "Curated question here" in html
    for action in ("merge", "split", "move", "retitle"):
        assert f"/admin/library/reading/{first.pk}/{action}/" in html

    response = client.post(
        f"/admin/library/reading/{first.pk}/split/",
        {"section": first.start_section_id, "paragraph": 2},
    )
    assert response.status_code == 302
    assert len(readings_of(text)) == 4
    response = client.post(f"/admin/library/reading/{first.pk}/merge/", {"confirm": "1"})
    assert response.status_code == 302
    assert len(readings_of(text)) == 3
    second = readings_of(text)[1]
    response = client.post(
        f"/admin/library/reading/{second.pk}/move/",
        {"section": second.start_section_id, "paragraph": 1},
    )
    assert response.status_code == 302
    assert readings_of(text)[1].start_paragraph == 1
    client.post(f"/admin/library/reading/{second.pk}/retitle/", {"title": "Curated"})
    assert readings_of(text)[1].title == "Curated"
    response = client.post(
        f"/admin/library/reading/{second.pk}/move/",
        {"section": first.start_section_id, "paragraph": 0},
    )
    assert "must start after week 1" in response.content.decode()
    assert check_readings(text) == []


@override_settings(WORDS_PER_MINUTE=100)
def test_refinements_use_the_configured_reading_speed():
    text = make_book(chapters=2, paragraphs=4, words=50)
    generate_readings(text, weeks=1)
    assert readings_of(text)[0].minutes == 6  # 600 words at 100 a minute
