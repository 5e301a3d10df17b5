"""Pages of the reflection loop: insights, reviews, the check-out (see views/reflection.py)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
