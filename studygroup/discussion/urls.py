"""The reading page and its discussion endpoints, under groups/<slug>/."""

from django.urls import path

from studygroup.discussion import views

app_name = "discussion"
urlpatterns = [
    path("groups/<slug:slug>/weeks/<id:number>/", views.reading_page, name="reading"),
    path(
        "groups/<slug:slug>/texts/<slug:text>/weeks/<id:number>/",
        views.reading_page,
        name="reading_in_text",
    ),
    path(
        "groups/<slug:slug>/readings/<id:reading>/discussion/",
        views.discussion,
        name="discussion",
    ),
    path("groups/<slug:slug>/readings/<id:reading>/thread/", views.thread, name="thread"),
    path("groups/<slug:slug>/readings/<id:reading>/poll/", views.poll, name="poll"),
    path(
        "groups/<slug:slug>/readings/<id:reading>/show-anyway/",
        views.show_anyway,
        name="show_anyway",
    ),
    path("groups/<slug:slug>/readings/<id:reading>/comments/", views.post, name="post"),
    path("groups/<slug:slug>/readings/<id:reading>/heatmap/", views.heatmap, name="heatmap"),
    path(
        "groups/<slug:slug>/readings/<id:reading>/paragraphs/<id:paragraph>/confusing/",
        views.flag,
        name="flag",
    ),
    path("groups/<slug:slug>/readings/<id:reading>/questions/", views.propose, name="propose"),
    # Before the catch-all of a question's actions below.
    path("groups/<slug:slug>/questions/<id:pk>/edit/", views.question_edit, name="question_edit"),
    path(
        "groups/<slug:slug>/questions/<id:pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path(
        "groups/<slug:slug>/questions/<id:pk>/<str:action>/",
        views.question_action,
        name="question_action",
    ),
    path("groups/<slug:slug>/comments/<id:pk>/", views.comment_detail, name="comment"),
    path("groups/<slug:slug>/comments/<id:pk>/reply/", views.reply, name="reply"),
    path("groups/<slug:slug>/comments/<id:pk>/edit/", views.edit, name="edit"),
    path("groups/<slug:slug>/comments/<id:pk>/delete/", views.delete, name="delete"),
    path("groups/<slug:slug>/comments/<id:pk>/history/", views.history, name="history"),
    path("groups/<slug:slug>/comments/<id:pk>/react/", views.react, name="react"),
]
