"""Exports, included at the site root: a group's discussion, and a member's own comments."""

from django.urls import path

from studygroup.discussion.export import views

app_name = "export"
urlpatterns = [
    path("groups/<slug:slug>/export/", views.group_export_page, name="group"),
    path("groups/<slug:slug>/export/discussion.<str:fmt>", views.group_export, name="group_file"),
    path(
        "groups/<slug:slug>/export/weeks/<id:reading>.<str:fmt>",
        views.week_export,
        name="week_file",
    ),
    path("accounts/export/", views.member_export_page, name="member"),
    path("accounts/export/comments.<str:fmt>", views.member_export, name="member_file"),
]
