"""Pages of the reflection loop: insights, reviews, the check-out (see views/reflection.py)."""

from django.urls import path

from incheck.okrs.views import insights

urlpatterns: list = [
    path("insights/", insights.insight_library, name="insight_library"),
    path("blockers/", insights.blocker_list, name="blocker_list"),
    path("blockers/<int:blocker_id>/resolve/", insights.blocker_resolve, name="blocker_resolve"),
]
