from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from incheck.api import api


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers (no database read, no sign-in)."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("incheck.accounts.urls")),
    path("accounts/", include("incheck.accounts.urls_tokens")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("incheck.notify.urls")),
    path("", include("incheck.okrs.urls_reflection")),
    path("", include("incheck.okrs.urls")),
]
