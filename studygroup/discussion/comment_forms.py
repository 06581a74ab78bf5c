"""Forms for comments and questions. Rules that need the database live in services.py."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy

from studygroup.params import BoundedIntegerField


class CommentForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Markdown works: *emphasis*, **strong**, > quotes, lists. Mention a member with @name."
        ),
    )
    client_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    parent = BoundedIntegerField(min_value=1, widget=forms.HiddenInput, required=False)
    paragraph = BoundedIntegerField(min_value=1, widget=forms.HiddenInput, required=False)
    question = BoundedIntegerField(
        min_value=1, required=False, label=gettext_lazy("Answering a question?")
    )
    quote = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)
    # The paragraph the discussion column is filtered to, so it re-renders the same way.
    in_ = BoundedIntegerField(min_value=1, widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].max_length = settings.COMMENT_MAX_LENGTH
        self.fields["body"].widget.attrs["maxlength"] = settings.COMMENT_MAX_LENGTH
        # "in" is a Python keyword: expose the field under that name in the form.
        self.fields["in"] = self.fields.pop("in_")


class EditForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Edit your comment"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].max_length = settings.COMMENT_MAX_LENGTH
        self.fields["body"].widget.attrs["maxlength"] = settings.COMMENT_MAX_LENGTH


class QuestionForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your question"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "A facilitator approves proposed questions before the group discusses them."
        ),
    )


class TagsForm(forms.Form):
    tags = forms.CharField(
        required=False,
        max_length=500,
        label=gettext_lazy("Tags"),
        help_text=gettext_lazy("Separated by commas."),
    )

    def clean_tags(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]
