from django.urls import path

from leaflets import views

app_name = "leaflets"

urlpatterns = [
    path("leaflet/", views.picker, name="picker"),
    path("leaflet/qr.<str:fmt>", views.generic_qr, name="generic_qr"),
    path("leaflet/<str:code>/", views.leaflet, name="leaflet"),
    path("leaflet/<str:code>/large-print/", views.leaflet, {"variant": "large-print"},
         name="large_print"),
    path("leaflet/<str:code>/text/", views.leaflet_text, name="text"),
    path("leaflet/<str:code>/safety/", views.safety, name="safety"),
    path("l/<str:token>", views.link, name="link"),
    path("l/<str:token>/languages", views.link_languages, name="link_languages"),
    path("l/<str:token>/opened", views.beacon, name="beacon"),
]
