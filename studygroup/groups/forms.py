from __future__ import annotations

import zoneinfo

from django import forms
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from studygroup.groups.models import ReadingGroup, Role
from studygroup.groups.services import UPDATABLE_FIELDS
from studygroup.library.labels import text_label
from studygroup.library.models import Section, Text
from studygroup.params import BoundedDateField, BoundedIntegerField, bounded_int


def timezone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class GroupForm(forms.ModelForm):
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("A link to your video call, if you meet online."),
    )
    # The database only asks for more than 0; a meeting longer than a day is a typo.
    meeting_minutes = BoundedIntegerField(
        label=_("Meeting length (minutes)"), min_value=1, max_value=24 * 60, initial=90
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        initial="UTC",
        help_text=_("Meetings are shown in it."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "meeting_weekday" in self.fields:
            # The week starts where the language starts it: Sunday in English, Monday in
            # Spanish and German (Django's FIRST_DAY_OF_WEEK counts from Sunday = 0).
            first = (int(get_format("FIRST_DAY_OF_WEEK")) - 1) % 7
            field = self.fields["meeting_weekday"]
            field.choices = sorted(
                field.choices, key=lambda c: (c[0] - first) % 7 if c[0] != "" else -1
            )

    class Meta:
        model = ReadingGroup
        fields = UPDATABLE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "meeting_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {
            "location": "Where you meet in person, if you do.",
        }


class InvitationForm(forms.Form):
    days = BoundedIntegerField(label=_("Valid for (days)"), min_value=1, max_value=90, initial=14)
    max_uses = BoundedIntegerField(
        label=_("Number of uses"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Leave empty for no limit."),
    )


class EmailInvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the facilitators (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ProgressPrivacyForm(forms.Form):
    progress_visible = forms.BooleanField(
        label=_("Let the facilitators see which weeks I have read"), required=False
    )


class TextChoiceField(forms.ModelChoiceField):
    """Texts by title and authors ("The Communist Manifesto — Marx & Engels"), never by file."""

    def label_from_instance(self, obj: Text) -> str:
        return text_label(obj)


class TextsOffered(forms.Form):
    """A form with a `text` field: `texts=` are the ones offered (those the viewer may read)."""

    def __init__(self, *args, texts=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if texts is not None:
            self.fields["text"].queryset = texts


class AdoptForm(TextsOffered):
    text = TextChoiceField(
        label=_("Text"),
        queryset=Text.objects.none(),
        help_text=_(
            "The group reads it one weekly reading per meeting, after the texts already on "
            "its schedule."
        ),
    )
    start_date = BoundedDateField(
        label=_("First meeting on or after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to start right after the texts the group already reads."),
    )
    pace = forms.ChoiceField(
        label=_("Weeks"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("curated", _("Use the library's weekly split of this text")),
            ("weeks", _("Split it afresh: we choose how many weeks")),
            ("minutes", _("Split it afresh: we choose how long each week's reading is")),
        ],
        help_text=_(
            "Leave it unchosen and the numbers empty for the library's split. The weeks are "
            "the group's own either way: the facilitators can move, merge, split or rename "
            "them later without changing the library's split or any other group's."
        ),
    )
    weeks = BoundedIntegerField(
        label=_("Number of weeks"),
        required=False,
        min_value=1,
        max_value=200,
        help_text=_("For example 5: the text is cut into 5 weeks of similar length."),
    )
    minutes_per_week = BoundedIntegerField(
        label=_("Reading time per week (minutes)"),
        required=False,
        min_value=5,
        max_value=600,
        help_text=_("For example 60: about an hour of reading before each meeting."),
    )

    def clean(self) -> dict:
        data = super().clean()
        pace = data.get("pace") or ""
        if pace == "curated":
            data["weeks"] = data["minutes_per_week"] = None
        elif pace == "weeks":
            if not data.get("weeks"):
                self.add_error("weeks", _("Give the number of weeks."))
            data["minutes_per_week"] = None
        elif pace == "minutes":
            if not data.get("minutes_per_week"):
                self.add_error("minutes_per_week", _("Give the reading time per week."))
            data["weeks"] = None
        elif data.get("weeks") and data.get("minutes_per_week"):
            raise forms.ValidationError(_("Give a number of weeks or a reading time, not both."))
        return data


class SkipForm(forms.Form):
    date = BoundedDateField(
        label=_("Skip the meeting on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ShiftForm(forms.Form):
    week = BoundedIntegerField(label=_("From week"), min_value=1)
    weeks = BoundedIntegerField(label=_("Weeks later"), min_value=1, max_value=52, initial=1)


class UnskipForm(forms.Form):
    date = BoundedDateField(widget=forms.HiddenInput)


# --- Choosing the next text together (votes.py) -------------------------------------


class ProposalForm(TextsOffered):
    text = TextChoiceField(
        label=_("A text from the library"),
        queryset=Text.objects.none(),
        required=False,
        empty_label=_("None: I give a title below"),
    )
    title = forms.CharField(
        label=_("Or a title to import later"),
        required=False,
        max_length=300,
        help_text=_("A book the library does not have yet, with its author if you like."),
    )
    link = forms.URLField(
        label=_("Link (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        # Plain text, so "example.org/book" is taken (as https) rather than refused.
        widget=forms.TextInput(attrs={"inputmode": "url"}),
        help_text=_("Where to find it: a publisher's page, or a free edition."),
    )

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        text, title = data.get("text"), (data.get("title") or "").strip()
        if text is None and not title:
            raise forms.ValidationError(_("Choose a text from the library, or give a title."))
        if text is not None and title:
            raise forms.ValidationError(
                _("Choose a text from the library or give a title, not both.")
            )
        if text is not None and data.get("link"):
            raise forms.ValidationError(_("A link goes with a title, not with a library text."))
        return data


class OpenVoteForm(forms.Form):
    closes_on = BoundedDateField(
        label=_("Voting closes on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    closes_at = forms.TimeField(
        label=_("at"),
        initial="21:00",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("In the group's time zone."),
    )


class ImportedForm(TextsOffered):
    """The library text a winning title became once imported."""

    text = TextChoiceField(
        label=_("Imported since? Choose the text"), queryset=Text.objects.none(), required=False
    )


class SplitChangeForm(forms.Form):
    """One change to a group's weeks, from the split editor: previewed, then saved."""

    ACTIONS = ("move", "split", "merge", "rename")

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    week = BoundedIntegerField(min_value=1, max_value=1000)
    # Where a week starts: "<section id>:<paragraphs of the section left before>".
    place = forms.CharField(required=False, max_length=40)
    title = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, text: Text, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.text = text

    def clean(self) -> dict:
        data = super().clean()
        if data.get("action") in {"move", "split"}:
            section_id, _sep, paragraph = (data.get("place") or "").partition(":")
            section_pk = bounded_int(section_id)
            count = bounded_int(paragraph, maximum=100_000)
            section = (
                Section.objects.filter(text=self.text, pk=section_pk).first()
                if section_pk is not None
                else None
            )
            if section is None or count is None:
                raise forms.ValidationError(_("Choose the paragraph where the week should start."))
            data["section"], data["paragraph"] = section, count
        return data

    def change_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs: dict = {"week": data["week"]}
        if data["action"] in {"move", "split"}:
            kwargs.update(section=data["section"], paragraph=data["paragraph"])
        elif data["action"] == "rename":
            kwargs["title"] = data["title"]
        return kwargs
