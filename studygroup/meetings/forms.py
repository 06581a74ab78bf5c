from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from studygroup.meetings.models import Rsvp


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(choices=Rsvp.Answer.choices)


class _MemberChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.user.name


class RecordForm(forms.Form):
    attended = _MemberChoice(
        label=_("Who came"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decisions = forms.CharField(
        label=_("What was decided"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: *emphasis*, lists, links."),
    )
    questions = forms.ModelMultipleChoiceField(
        label=_("Questions discussed"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, questions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = members
        self.fields["questions"].queryset = questions
        self.fields["questions"].label_from_instance = lambda q: q.body


class HandoverForm(forms.Form):
    body = forms.CharField(
        label=_("Your handover note for the next facilitator"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. Members can read it. Leave it empty to remove your note."),
    )


class VolunteersForm(forms.Form):
    volunteers = _MemberChoice(
        label=_("Take turns among"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one volunteer.")},
    )

    def __init__(self, *args, members, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteers"].queryset = members
