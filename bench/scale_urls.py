"""The app's URLs plus the floor `bench.scale` measures against: a signed-in page that renders
only the base layout (the top bar, no content), so its cost is middleware, session, user and
the layout itself."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

_FLOOR = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}Floor{% endblock %}'
)


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_FLOOR.render({}, request))


urlpatterns = [
    path("_bench/floor/", floor),
    path("", include("incheck.urls")),
]
