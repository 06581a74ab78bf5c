"""Forms for regenerating and refining readings, shared by the admin and the in-app editor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Count
from django.utils.translation import gettext, gettext_lazy, ngettext

from studygroup.library.models import Reading, Section, Text
from studygroup.params import BoundedIntegerField


class RegenerateForm(forms.Form):
    weeks = BoundedIntegerField(
        min_value=1, max_value=520, required=False, label=gettext_lazy("Weeks")
    )
    minutes_per_week = BoundedIntegerField(
        min_value=1, max_value=100_000, required=False, label=gettext_lazy("Or minutes per week")
    )
    include_front = forms.BooleanField(required=False, label=gettext_lazy("Include front matter"))
    include_back = forms.BooleanField(required=False, label=gettext_lazy("Include back matter"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("weeks") is None) == (data.get("minutes_per_week") is None):
            raise forms.ValidationError(
                gettext("Give either a number of weeks or minutes per week, not both.")
            )
        return data

    def options(self) -> dict[str, Any]:
        """Keyword arguments for `generate_readings` and `preview_readings`."""
        return {k: v for k, v in self.cleaned_data.items() if v is not None}


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Section) -> str:
        indent = "    " if obj.level == 2 else ""
        return indent + ngettext(
            "%(title)s (%(count)d paragraph)",
            "%(title)s (%(count)d paragraphs)",
            obj.paragraph_count,
        ) % {"title": obj.title, "count": obj.paragraph_count}


def sections_with_counts(text: Text):
    return (
        Section.objects.filter(text=text)
        .annotate(paragraph_count=Count("paragraphs"))
        .order_by("position")
    )


class BoundaryForm(forms.Form):
    """Where a week should start: a section, and how many of its paragraphs stay before."""

    section = SectionChoiceField(queryset=Section.objects.none(), label=gettext_lazy("Section"))
    paragraph = BoundedIntegerField(
        min_value=0,
        initial=0,
        required=False,
        label=gettext_lazy("Paragraphs of it left to the earlier week"),
        help_text=gettext_lazy("0 starts the week at the section's heading."),
    )

    def __init__(self, *args: Any, text: Text, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections_with_counts(text)

    def clean_paragraph(self) -> int:
        return self.cleaned_data.get("paragraph") or 0


class RetitleForm(forms.Form):
    title = forms.CharField(
        max_length=Reading._meta.get_field("title").max_length,
        required=False,
        label=gettext_lazy("Title"),
        help_text=gettext_lazy("Leave empty to go back to the title derived from the headings."),
    )


class RefineForm(forms.Form):
    """One of the in-app editor's refinements, on week `reading` of `text`."""

    ACTIONS = ["move", "split", "merge", "retitle"]

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    reading = BoundedIntegerField(min_value=1)
    section = forms.ModelChoiceField(queryset=Section.objects.none(), required=False)
    paragraph = BoundedIntegerField(min_value=0, required=False)
    title = forms.CharField(max_length=300, required=False)

    def __init__(self, *args: Any, text: Text, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text = text
        self.fields["section"].queryset = Section.objects.filter(text=text)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        number = data.get("reading")
        if number is not None:
            reading = Reading.objects.curated().filter(text=self.text, number=number).first()
            if reading is None:
                raise forms.ValidationError(
                    gettext("There is no week %(number)s.") % {"number": number}
                )
            data["reading"] = reading
        if data.get("action") in ("move", "split") and data.get("section") is None:
            raise forms.ValidationError(gettext("Choose the section where the week should start."))
        data["paragraph"] = data.get("paragraph") or 0
        return data
