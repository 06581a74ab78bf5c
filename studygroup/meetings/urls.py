from django.urls import path

from studygroup.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("rota/", views.rota, name="rota"),
    path("rota/fill/", views.rota_fill, name="rota_fill"),
    path("<id:reading>/", views.meeting_detail, name="detail"),
    path("<id:reading>/rsvp/", views.rsvp, name="rsvp"),
    path("<id:reading>/record/", views.record, name="record"),
    path("<id:reading>/handover/", views.handover, name="handover"),
]
