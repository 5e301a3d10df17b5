"""Pages of the reflection loop: insights, periods, reviews, the check-out (views/reflection.py)."""

from django.urls import path

from incheck.okrs.views import insights, periods, reflection

urlpatterns: list = [
    path("insights/", insights.insight_library, name="insight_library"),
    path("blockers/", insights.blocker_list, name="blocker_list"),
    path("blockers/<int:blocker_id>/resolve/", insights.blocker_resolve, name="blocker_resolve"),
    path("periods/", periods.period_list, name="period_list"),
    # The period check-out: reviews per team and person, and closing (views/reflection.py).
    path("periods/<int:period_id>/review/", reflection.review_index, name="review_index"),
    path(
        "periods/<int:period_id>/review/team/<int:team_id>/",
        reflection.review_team,
        name="review_team",
    ),
    path(
        "periods/<int:period_id>/review/person/<int:user_id>/",
        reflection.review_person,
        name="review_person",
    ),
    path("periods/<int:period_id>/checkout/", reflection.checkout, name="checkout"),
    path(
        "periods/<int:period_id>/checkout/close/",
        reflection.checkout_close,
        name="checkout_close",
    ),
    path(
        "periods/<int:period_id>/checkout/carry-over/",
        reflection.checkout_carry_over,
        name="checkout_carry_over",
    ),
]
