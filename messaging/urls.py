"""The delivery log, mounted under /messaging/."""

from django.urls import path

from messaging import views

app_name = "messaging"
urlpatterns = [
    path("log/message/<uuid:message_id>/", views.message_log, name="message_log"),
    path("log/message/<uuid:message_id>.csv", views.message_log_csv, name="message_log_csv"),
    path("log/<slug:about_type>/<slug:about_id>/", views.subject_log, name="subject_log"),
    path("log/<slug:about_type>/<slug:about_id>.csv", views.subject_log_csv,
         name="subject_log_csv"),
]
