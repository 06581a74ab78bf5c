"""The reading page and its discussion endpoints, under groups/<slug>/."""

from django.urls import path

from studygroup.discussion import views

app_name = "discussion"
urlpatterns = [
    path("groups/<slug:slug>/weeks/<int:number>/", views.reading_page, name="reading"),
    path(
        "groups/<slug:slug>/texts/<slug:text>/weeks/<int:number>/",
        views.reading_page,
        name="reading_in_text",
    ),
    path(
        "groups/<slug:slug>/readings/<int:reading>/discussion/",
        views.discussion,
        name="discussion",
    ),
    path("groups/<slug:slug>/readings/<int:reading>/thread/", views.thread, name="thread"),
    path("groups/<slug:slug>/readings/<int:reading>/poll/", views.poll, name="poll"),
    path("groups/<slug:slug>/readings/<int:reading>/comments/", views.post, name="post"),
    path("groups/<slug:slug>/readings/<int:reading>/heatmap/", views.heatmap, name="heatmap"),
    path(
        "groups/<slug:slug>/readings/<int:reading>/paragraphs/<int:paragraph>/confusing/",
        views.flag,
        name="flag",
    ),
    path("groups/<slug:slug>/readings/<int:reading>/questions/", views.propose, name="propose"),
    path(
        "groups/<slug:slug>/questions/<int:pk>/<str:action>/",
        views.question_action,
        name="question_action",
    ),
    path("groups/<slug:slug>/comments/<int:pk>/", views.comment_detail, name="comment"),
    path("groups/<slug:slug>/comments/<int:pk>/reply/", views.reply, name="reply"),
    path("groups/<slug:slug>/comments/<int:pk>/edit/", views.edit, name="edit"),
    path("groups/<slug:slug>/comments/<int:pk>/delete/", views.delete, name="delete"),
    path("groups/<slug:slug>/comments/<int:pk>/history/", views.history, name="history"),
    path("groups/<slug:slug>/comments/<int:pk>/react/", views.react, name="react"),
]
