"""Tag pages, included at /tags/."""

from django.urls import path

from studygroup.library import tag_views

app_name = "tags"
urlpatterns = [
    path("", tag_views.tag_list, name="list"),
    path("<slug:slug>/", tag_views.tag_detail, name="detail"),
]
