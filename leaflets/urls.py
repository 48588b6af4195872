from django.urls import path, re_path

from leaflets import views
from leaflets.tokens import CODE_ALPHABET

# A typed code, either case, with or without its dash: "K7QM-X4RD", "k7qmx4rd".
_CHARS = f"[{CODE_ALPHABET}{CODE_ALPHABET.lower()}]"
CODE = rf"(?P<code>{_CHARS}{{4}}-?{_CHARS}{{4}})"

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
    re_path(rf"^{CODE}/?$", views.code_link, name="code"),
    re_path(rf"^{CODE}/opened$", views.code_beacon, name="code_beacon"),
]
