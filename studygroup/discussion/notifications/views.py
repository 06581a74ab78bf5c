"""Notification pages: the list with mark-read, email settings, one-click unsubscribe."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from studygroup import policy
from studygroup.accounts.models import EmailFrequency, User
from studygroup.cache import bump_rows_on_commit
from studygroup.discussion.models import Notification
from studygroup.discussion.notifications import store_unread_on_commit
from studygroup.discussion.spoilers import mark_notifications
from studygroup.discussion.tasks import user_for_unsubscribe_token

LIST_LIMIT = 100


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class EmailSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email_notifications"]
        labels = {
            "email_notifications": _(
                "Email me about replies, mentions, new questions, join requests and moderation"
            )
        }
        widgets = {"email_notifications": forms.RadioSelect}


def _list(request: HtmxHttpRequest) -> HttpResponse:
    notifications = list(
        policy.readable_notifications(request.user)
        .select_related("actor", "group")
        .annotate(comment_reading_id=F("comment__reading_id"))
        .order_by("-created_at", "-pk")[:LIST_LIMIT]
    )
    mark_notifications(request.user, notifications)  # no spoilers: `n.spoiler_week`
    template = "discussion/notifications.html" + ("#notifications" if request.htmx else "")
    return render(
        request,
        template,
        {
            "notifications": notifications,
            "has_unread": any(n.read_at is None for n in notifications),
        },
    )


@require_GET
@login_required
@vary_on_headers("HX-Request")
def notification_list(request: HtmxHttpRequest) -> HttpResponse:
    return _list(request)


def _after_marking(request: HtmxHttpRequest) -> HttpResponse:
    if request.htmx:
        return _list(request)
    return redirect("notifications:list")


@require_POST
@login_required
@vary_on_headers("HX-Request")
def mark_read(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    updated = Notification.objects.filter(
        pk=pk, recipient=request.user, read_at__isnull=True
    ).update(read_at=timezone.now())
    if not updated and not Notification.objects.filter(pk=pk, recipient=request.user).exists():
        raise Http404(_("No such notification."))
    store_unread_on_commit([request.user.pk])
    return _after_marking(request)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def mark_all_read(request: HtmxHttpRequest) -> HttpResponse:
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    store_unread_on_commit([request.user.pk])
    return _after_marking(request)


@require_http_methods(["GET", "POST"])
@login_required
def email_settings(request: HttpRequest) -> HttpResponse:
    form = EmailSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your email settings are saved."))
        return redirect("notifications:settings")
    return render(request, "discussion/notifications_settings.html", {"form": form})


@csrf_exempt  # The signed token is the authorisation; mail clients POST without a session.
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe (RFC 8058): POST stops all email, no login needed.

    GET only shows a button, because mail scanners follow links in emails; the button posts
    back here, as do mail clients offering "Unsubscribe" from the List-Unsubscribe headers.
    """
    user = user_for_unsubscribe_token(token)
    if user is None:
        raise Http404(_("This unsubscribe link is not valid."))
    done = False
    if request.method == "POST":
        User.objects.filter(pk=user.pk).update(email_notifications=EmailFrequency.NEVER)
        bump_rows_on_commit(User, [user])
        done = True
    return render(
        request,
        "discussion/notifications_unsubscribe.html",
        {"subscriber": user, "done": done},
    )
