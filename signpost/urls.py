from django.contrib import admin
from django.urls import include, path

from health.views import metrics
from portal.views.auth import admin_login

urlpatterns = [
    path("healthz", include("health.urls")),
    path("metrics", metrics, name="metrics"),
    # Before the admin's own URLs: its log-in is the portal's (throttled, audited, second factor).
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("webhooks/", include("channels.urls")),
    path("messaging/", include("messaging.urls")),
    path("api/v1/", include("api.urls")),
    path("portal/", include("portal.urls")),
    path("", include("leaflets.urls")),
    path("", include("chat.urls")),
]

handler404 = "api.views.fallback.not_found"
