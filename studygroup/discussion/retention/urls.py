"""A group's comment retention setting; included at groups/<slug>/retention/."""

from django.urls import path

from studygroup.discussion.retention import views

app_name = "retention"
urlpatterns = [path("", views.set_days, name="set")]
