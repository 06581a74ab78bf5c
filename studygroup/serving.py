"""What the web server entry points (wsgi, asgi) check before they serve a request."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_secret_key() -> None:
    """Refuse to start a server whose sessions and CSRF tokens would be signed with nothing."""
    try:
        settings.SECRET_KEY  # noqa: B018 (Django raises on an empty key)
    except ImproperlyConfigured:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.") from None
