from django.urls import path

from studygroup.groups import feeds, upload_views, views, vote_views

app_name = "groups"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_create, name="create"),
    path("join/<str:token>/", views.accept, name="accept"),
    path("<slug:slug>/", views.group_detail, name="detail"),
    path("<slug:slug>/edit/", views.group_edit, name="edit"),
    path("<slug:slug>/calendar.ics", views.feed, name="feed"),
    path("<slug:slug>/calendar/<str:token>.ics", views.feed_token, name="feed_token"),
    path("<slug:slug>/calendar/reset/", views.feed_reset, name="feed_reset"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/mentions/", views.mention_suggestions, name="mention_suggestions"),
    path("<slug:slug>/members/<id:pk>/role/", views.member_role, name="member_role"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/progress/privacy/", views.progress_privacy, name="progress_privacy"),
    path("<slug:slug>/invitations/", views.invitations, name="invitations"),
    path("<slug:slug>/invitations/new/", views.invitation_create, name="invitation_create"),
    path("<slug:slug>/invitations/email/", views.invitation_email, name="invitation_email"),
    path(
        "<slug:slug>/invitations/<id:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<slug:slug>/join/", views.join_request, name="join"),
    path("<slug:slug>/requests/", views.join_requests, name="requests"),
    path("<slug:slug>/requests/<id:pk>/", views.join_request_decide, name="request_decide"),
    path("<slug:slug>/schedule/", views.schedule, name="schedule"),
    path("<slug:slug>/schedule/adopt/", views.adopt, name="adopt"),
    path("<slug:slug>/schedule/<id:pk>/skip/", views.skip, name="skip"),
    path("<slug:slug>/schedule/<id:pk>/unskip/", views.unskip, name="unskip"),
    path("<slug:slug>/schedule/<id:pk>/shift/", views.shift, name="shift"),
    path("<slug:slug>/schedule/<id:pk>/remove/", views.adoption_remove, name="adoption_remove"),
    path("<slug:slug>/schedule/<id:pk>/weeks/", views.split_editor, name="split"),
    path("<slug:slug>/progress/<id:reading>/", views.progress, name="progress"),
    # Choosing the next text together (vote_views.py).
    path("<slug:slug>/next/", vote_views.next_text, name="next_text"),
    path("<slug:slug>/next/propose/", vote_views.propose, name="propose"),
    path("<slug:slug>/next/<id:pk>/withdraw/", vote_views.withdraw, name="withdraw"),
    path("<slug:slug>/next/vote/", vote_views.open_vote, name="open_vote"),
    path("<slug:slug>/votes/<id:pk>/", vote_views.vote_detail, name="vote"),
    path("<slug:slug>/votes/<id:pk>/ballot/", vote_views.ballot, name="ballot"),
    path("<slug:slug>/votes/<id:pk>/close/", vote_views.close, name="vote_close"),
    path("<slug:slug>/votes/<id:pk>/adopt/", vote_views.adopt, name="vote_adopt"),
    # A group's own texts (upload_views.py): upload, preview and fix, save, fix, re-upload.
    path("<slug:slug>/texts/", upload_views.texts, name="texts"),
    path(
        "<slug:slug>/texts/upload/<str:token>/", upload_views.upload_preview, name="upload_preview"
    ),
    path("<slug:slug>/texts/upload/<str:token>/fix/", upload_views.upload_fix, name="upload_fix"),
    path(
        "<slug:slug>/texts/upload/<str:token>/save/", upload_views.upload_save, name="upload_save"
    ),
    path("<slug:slug>/texts/<id:pk>/", upload_views.text_edit, name="text_edit"),
    path("<slug:slug>/texts/<id:pk>/fix/", upload_views.text_fix, name="text_fix"),
    path("<slug:slug>/texts/<id:pk>/details/", upload_views.text_details, name="text_details"),
    path("<slug:slug>/texts/<id:pk>/reupload/", upload_views.text_reupload, name="text_reupload"),
    # Atom feeds (feeds.py): public groups at plain URLs, private ones by calendar token.
    path("<slug:slug>/feeds/readings.atom", feeds.readings_feed, name="atom"),
    path("<slug:slug>/feeds/readings/<str:token>.atom", feeds.readings_feed, name="atom_token"),
    path("<slug:slug>/feeds/comments.atom", feeds.comments_feed, name="comments_atom"),
    path(
        "<slug:slug>/feeds/comments/<str:token>.atom",
        feeds.comments_feed,
        name="comments_atom_token",
    ),
]
