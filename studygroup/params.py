"""Integers from a request, parsed in one bounded place.

A URL, a query string or a form can carry any digits at all. Past 2**63 - 1 they overflow
a database column (SQLite raises OverflowError, PostgreSQL "bigint out of range"), so every
integer a request brings goes through here and comes out either in range or rejected.
Dates get the same treatment: a schedule counts weeks on from the one a form brings, and
Python's dates end at the year 9999. And no text from a request may carry a NUL character,
which PostgreSQL refuses in any string (`NulCharacterMiddleware`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django import forms
from django.core.exceptions import BadRequest
from django.db.models import IntegerField
from django.db.models.lookups import In
from django.http import HttpRequest, HttpResponse
from django.urls import register_converter
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# The largest value a signed 64-bit column holds: every id and count fits under it.
MAX_ID = 2**63 - 1
# Digits of MAX_ID: longer strings are refused before int() is asked to build them.
_MAX_DIGITS = len(str(MAX_ID))


def bounded_int(
    value: object,
    *,
    default: int | None = None,
    minimum: int = 0,
    maximum: int = MAX_ID,
) -> int | None:
    """`value` as an int within [minimum, maximum], or `default` when it is not one.

    Accepts an optional leading minus sign and ASCII digits only (no spaces, no "1e3",
    no Unicode digits), so what passes is exactly what a database column can hold.
    """
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip() if value is not None else ""
        digits = text[1:] if text.startswith("-") else text
        if not digits or len(digits) > _MAX_DIGITS or not (digits.isascii() and digits.isdigit()):
            return default
        number = int(text)
    if number < minimum or number > maximum:
        return default
    return number


def clamped_int(value: object, *, default: int, minimum: int = 0, maximum: int = MAX_ID) -> int:
    """Like `bounded_int`, but an out-of-range number is pulled to the nearest bound.

    For knobs where "too big" has an obvious meaning (a page past the last, a paragraph
    past the end): the request still gets an answer instead of an error.
    """
    number = bounded_int(value, default=None, minimum=-MAX_ID, maximum=MAX_ID)
    if number is None:
        return default
    return max(minimum, min(maximum, number))


class BoundedIntegerField(forms.IntegerField):
    """A form IntegerField that never lets a value past a database column through."""

    def __init__(self, *, min_value: int | None = 0, max_value: int | None = MAX_ID, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if bounded_int(text, minimum=-MAX_ID) is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


# The dates a form may name: a schedule of many years still ends far before the year 9999.
MIN_DATE = date(1970, 1, 1)
MAX_DATE = date(2199, 12, 31)


class BoundedDateField(forms.DateField):
    """A form DateField that takes only dates a schedule can count on from (MIN/MAX_DATE)."""

    default_error_messages = {
        "out_of_range": _("Choose a date between %(first)s and %(last)s."),
    }

    def validate(self, value) -> None:
        super().validate(value)
        if value is not None and not MIN_DATE <= value <= MAX_DATE:
            raise forms.ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"first": date_format(MIN_DATE), "last": date_format(MAX_DATE)},
            )


class IdConverter:
    """`<id:pk>` in a URL: a positive id that fits a 64-bit column; anything else is a 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = bounded_int(value, minimum=1)
        if number is None:
            raise ValueError("not an id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")


@IntegerField.register_lookup
class BoundedIn(In):
    """`pk__in=[...]` where some ids overflow the column: those match nothing.

    Django already does this for `pk=` (IntegerFieldOverflow); `__in` still sends the
    number to the database, which fails. The admin's action checkboxes post ids this way.
    """

    lookup_name = "in"

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            field_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(field_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


class NulCharacterMiddleware:
    """A 400 for a NUL character in the path, the query string or a posted form field.

    PostgreSQL refuses NUL in text, so a token, slug or search term carrying one would fail
    in the database. Forms already refuse it (ProhibitNullCharactersValidator); this covers
    the values views read directly. Uploaded files are not looked at, only form fields.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        fields = [*request.GET.lists()]
        if request.method == "POST":  # CsrfViewMiddleware parses the form anyway
            fields += request.POST.lists()
        texts = [request.path, *(t for key, values in fields for t in (key, *values))]
        if any("\x00" in text for text in texts):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)
