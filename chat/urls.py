from django.urls import path

from chat import views

app_name = "chat"

urlpatterns = [
    path("chat/<str:code>/", views.chat, name="chat"),
]
