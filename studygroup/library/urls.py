from django.urls import path

from studygroup.library import views
from studygroup.library.readings import views as reading_views

app_name = "library"
urlpatterns = [
    path("", views.text_list, name="texts"),
    path("<slug:slug>/", views.text_detail, name="text"),
    path("<slug:slug>/<id:section>/", views.section_detail, name="section"),
    path("<slug:slug>/readings/", reading_views.reading_list, name="readings"),
    path("<slug:slug>/readings/edit/", reading_views.readings_edit, name="readings_edit"),
    path("<slug:slug>/readings/<id:number>/", reading_views.reading_detail, name="reading"),
]
