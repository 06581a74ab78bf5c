"""Open moderation of a group's discussion; included at groups/<slug>/moderation/."""

from django.urls import path

from studygroup.discussion.moderation import views

app_name = "moderation"
urlpatterns = [
    path("", views.log, name="log"),
    path("reports/", views.reports, name="reports"),
    path("reports/<id:pk>/resolve/", views.resolve, name="resolve"),
    path("comments/<id:pk>/report/", views.report, name="report"),
    path("comments/<id:pk>/", views.comment, name="comment"),
    path("comments/<id:pk>/<str:action>/", views.comment_action, name="comment_action"),
    path("members/<id:user_id>/remove/", views.remove, name="remove"),
]
