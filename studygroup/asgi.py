"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studygroup.settings")
application = get_asgi_application()

from studygroup.serving import require_secret_key  # noqa: E402 (needs the settings)

require_secret_key()
