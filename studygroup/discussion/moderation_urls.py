"""Open moderation of a group's discussion; included at groups/<slug>/moderation/."""

from django.urls import path

from studygroup.discussion import moderation_views as views

app_name = "moderation"
urlpatterns = [
    path("", views.log, name="log"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/resolve/", views.resolve, name="resolve"),
    path("comments/<int:pk>/report/", views.report, name="report"),
    path("comments/<int:pk>/", views.comment, name="comment"),
    path("comments/<int:pk>/<str:action>/", views.comment_action, name="comment_action"),
    path("members/<int:user_id>/remove/", views.remove, name="remove"),
]
