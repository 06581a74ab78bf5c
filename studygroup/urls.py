from django.contrib import admin
from django.urls import include, path

from studygroup import js_catalogue, params, views  # noqa: F401 (params: the <id:> converter)
from studygroup.accounts import views as accounts_views
from studygroup.api import views as api_views
from studygroup.api.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("csp-report", views.csp_report, name="csp_report"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    # The strings of static/js/*.js (djangojs catalogue), loaded as a script (the CSP allows
    # no inline one); base.html names its language and digest, so browsers keep it a year.
    path("jsi18n/", js_catalogue.javascript_catalog, name="javascript-catalog"),
    path("library/", include("studygroup.library.urls")),
    path("tags/", include("studygroup.library.tag_urls")),
    path("groups/<slug:slug>/moderation/", include("studygroup.discussion.moderation.urls")),
    path("groups/<slug:slug>/retention/", include("studygroup.discussion.retention.urls")),
    path("groups/<slug:slug>/meetings/", include("studygroup.meetings.urls")),
    path("", include("studygroup.discussion.urls")),
    path("groups/", include("studygroup.groups.urls")),
    path("", include("studygroup.discussion.notifications.urls")),
    path("", include("studygroup.discussion.export.urls")),
    path("search/", include("studygroup.search.urls")),
    path("accounts/reader-size/", accounts_views.reader_size_view, name="reader_size"),
    path("accounts/profile/", accounts_views.profile_view, name="profile"),
    path("privacy/", accounts_views.privacy, name="privacy"),
    path("accounts/profile/delete/", accounts_views.delete_account, name="delete_account"),
    path("accounts/profile/data/", accounts_views.download_my_data, name="download_my_data"),
    path("accounts/tokens/", api_views.token_create, name="api_token_create"),
    path("accounts/tokens/<id:pk>/revoke/", api_views.token_revoke, name="api_token_revoke"),
    path("api/", api.urls),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
