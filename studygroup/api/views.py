"""Personal API tokens on the profile page: make one (shown once), revoke one."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from studygroup import ratelimit
from studygroup.api import tokens
from studygroup.api.models import ApiToken


def profile_context(user) -> dict:
    """What the profile page shows of the member's tokens (one query)."""
    return {
        "api_tokens": list(ApiToken.objects.active().filter(user=user)),
        "api_token_name_max": 80,
    }


def _back() -> HttpResponse:
    return redirect(f"{reverse('profile')}#api-tokens")


@require_POST
@login_required
@never_cache
def token_create(request: HttpRequest) -> HttpResponse:
    try:
        created = tokens.create_token(user=request.user, name=request.POST.get("name", ""))
    except tokens.TooManyTokens:
        return ratelimit.too_many(request, limit=settings.API_TOKEN_RATE_LIMIT)
    except tokens.TokenError as error:
        messages.error(request, str(error))
        return _back()
    # Shown on this response only: the database keeps just its digest.
    return render(
        request,
        "api/token_created.html",
        {"token": created.token, "secret": created.secret},
        status=201,
    )


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if tokens.revoke_token(user=request.user, token_id=pk):
        messages.success(request, _("The token is revoked: it opens nothing from now on."))
    else:
        messages.error(request, _("No such token."))
    return _back()
