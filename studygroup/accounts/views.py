"""Reader preferences (the reader's text size, per user or per session) and the profile."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from studygroup import policy, ratelimit
from studygroup.accounts import data_export, deletion
from studygroup.accounts.forms import DeleteAccountForm, ProfileForm
from studygroup.accounts.handles import change_handle
from studygroup.accounts.models import User
from studygroup.cache import bump_rows_on_commit
from studygroup.ratelimit import limit_writes

# Percent of the reader's base size; A− and A+ step through these. Each has its CSS class,
# reader-at-<size>, in site.css (the Content-Security-Policy allows no style="" attribute).
READER_SIZES = (80, 90, 100, 115, 130, 150, 175, 200)
DEFAULT_READER_SIZE = 100
SESSION_KEY = "reader_font_size"


def reader_size(request: HttpRequest) -> int:
    """The size the reader text is shown at, for this user or this anonymous session."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        size = user.reader_font_size
    else:
        # Error pages may render before SessionMiddleware has run: no session, default size.
        session = getattr(request, "session", None)
        size = session.get(SESSION_KEY, DEFAULT_READER_SIZE) if session is not None else None
    return size if size in READER_SIZES else DEFAULT_READER_SIZE


def stepped(size: int, step: str) -> int:
    index = READER_SIZES.index(size)
    if step == "smaller":
        return READER_SIZES[max(index - 1, 0)]
    if step == "larger":
        return READER_SIZES[min(index + 1, len(READER_SIZES) - 1)]
    return DEFAULT_READER_SIZE


def set_reader_size(*, request: HttpRequest, size: int) -> None:
    if request.user.is_authenticated:
        User.objects.filter(pk=request.user.pk).update(reader_font_size=size)
        bump_rows_on_commit(User, [request.user.pk])
        request.user.reader_font_size = size
    else:
        request.session[SESSION_KEY] = size


@require_POST
@limit_writes("reader-size")
def reader_size_view(request: HttpRequest) -> HttpResponse:
    """A−, A+ or reset. HTMX gets the controls back and a `reader-size` event; others a redirect."""
    size = stepped(reader_size(request), request.POST.get("size", ""))
    set_reader_size(request=request, size=size)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if not request.htmx:
        return redirect(next_url)
    context = {"reader_size": size, "reader_size_next": next_url}
    response = render(request, "accounts/reader_size.html", context)
    return trigger_client_event(response, "reader-size", {"size": size})


@login_required
@limit_writes("profile")
def profile_view(request: HttpRequest) -> HttpResponse:
    """Display name, handle, language and no spoilers. A plain form: works without JavaScript."""
    user = request.user
    initial = {
        "display_name": user.display_name,
        "handle": user.username,
        "hide_spoilers": user.hide_spoilers,
        "language": user.language,
    }
    if request.method == "POST":
        form = ProfileForm(request.POST, user=user, initial=initial)
        if form.is_valid():
            with transaction.atomic():
                change_handle(user, form.cleaned_data["handle"])
                user.display_name = form.cleaned_data["display_name"]
                user.hide_spoilers = form.cleaned_data["hide_spoilers"]
                user.language = form.cleaned_data["language"]
                user.save(update_fields=["display_name", "hide_spoilers", "language"])
            # Said in the language just chosen (blank: the browser's), as the next page is.
            with translation.override(
                user.language or translation.get_language_from_request(request)
            ):
                messages.success(request, _("Your profile is saved."))
            return redirect("profile")
        status = 400
    else:
        form = ProfileForm(user=user, initial=initial)
        status = 200
    old_handles = user.old_handles.order_by("-until").values_list("handle", flat=True)
    context = {
        "form": form,
        "old_handles": list(old_handles),
        "deletion_grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS,
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_POST
def download_my_data(request: HttpRequest) -> HttpResponse:
    """Everything stored about the member, as one zip (accounts/data_export.py). A POST (a
    button on the profile) so it is counted by its own rate limit: building it reads a lot."""
    limit = settings.DATA_EXPORT_RATE_LIMIT
    if not ratelimit.hit(f"data-export:{ratelimit.client_key(request)}", limit=limit):
        return ratelimit.too_many(request, limit=limit)
    response = HttpResponse(data_export.archive(request.user), content_type="application/zip")
    filename = f"studygroup-{request.user.username}-{timezone.now():%Y%m%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@limit_writes("delete-account")
def delete_account(request: HttpRequest) -> HttpResponse:
    """Ask for the account to be deleted after the grace period (accounts/deletion.py). Refused
    while the member alone facilitates a group: they hand it over first."""
    user = request.user
    awaiting_handover = list(policy.groups_awaiting_handover(user))
    form = DeleteAccountForm(request.POST or None, user=user)
    status = 200
    if request.method == "POST":
        if awaiting_handover:
            status = 409
        elif form.is_valid():
            pending = deletion.request_deletion(user=user, comments=form.cleaned_data["comments"])
            logout(request)
            when = formats.date_format(timezone.localtime(pending.purge_after), "DATE_FORMAT")
            messages.success(
                request,
                _(
                    "Your account is closed and will be erased for good on %(date)s. Changed "
                    "your mind? Sign in before then and it is yours again."
                )
                % {"date": when},
            )
            return redirect("home")
        else:
            status = 400
    context = {
        "form": form,
        "awaiting_handover": awaiting_handover,
        "grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS,
    }
    return render(request, "accounts/delete_account.html", context, status=status)


def privacy(request: HttpRequest) -> HttpResponse:
    """What is stored and why. The list is the archive's own parts (accounts/data_export.py),
    so the page and "Download my data" cannot drift apart."""
    context = {
        "parts": data_export.parts(),
        "grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS,
    }
    return render(request, "accounts/privacy.html", context)
