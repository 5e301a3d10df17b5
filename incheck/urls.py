from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from incheck.accounts import views_sign_in
from incheck.api import api
from incheck.okrs.demo import people as demo_people


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers (no database read, no sign-in)."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    # While the demo is loaded, the sign-in page lists its people (okrs/demo/people.py).
    path(
        "accounts/login/",
        views_sign_in.SignInView.as_view(extra_context=demo_people.SIGN_IN_CONTEXT),
        name="login",
    ),
    path("accounts/logout/", views_sign_in.sign_out, name="logout"),
    path("accounts/sso/", views_sign_in.sso_start, name="sso_start"),
    path("accounts/sso/callback/", views_sign_in.sso_callback, name="sso_callback"),
    path("accounts/", include("incheck.accounts.urls")),
    path("accounts/", include("incheck.accounts.urls_tokens")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("incheck.people.urls")),
    path("", include("incheck.notify.urls")),
    path("", include("incheck.okrs.urls_reflection")),
    path("", include("incheck.okrs.urls")),
]
