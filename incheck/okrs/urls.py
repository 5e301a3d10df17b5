from django.urls import path, re_path

from incheck.okrs.views import (
    alignment,
    archiving,
    checkins,
    corrections,
    dashboard,
    feedback,
    inbox,
    key_results,
    objectives,
    search,
    teams,
)

urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path(
        "key-results/<int:key_result_id>/", key_results.key_result_detail, name="key_result_detail"
    ),
    path(
        "key-results/<int:key_result_id>/check-ins/",
        checkins.check_in_create,
        name="check_in_create",
    ),
    path(
        "key-results/<int:key_result_id>/edit/", key_results.key_result_edit, name="key_result_edit"
    ),
    path(
        "key-results/<int:key_result_id>/archive/",
        archiving.key_result_archive,
        name="key_result_archive",
    ),
    path("sittings/<uuid:sitting_id>/edit/", corrections.sitting_edit, name="sitting_edit"),
    path(
        "sittings/<uuid:sitting_id>/delete/",
        corrections.sitting_delete_confirm,
        name="sitting_delete",
    ),
    path("key-results/<int:key_result_id>/feedback/", feedback.feedback_give, name="feedback_give"),
    path("objectives/new/", objectives.objective_create, name="objective_create"),
    path("objectives/<int:objective_id>/edit/", objectives.objective_edit, name="objective_edit"),
    path(
        "objectives/<int:objective_id>/archive/",
        archiving.objective_archive,
        name="objective_archive",
    ),
    path(
        "objectives/<int:objective_id>/key-results/new/",
        key_results.key_result_create,
        name="key_result_create",
    ),
    path("coach/", checkins.coach, name="coach"),
    path("teams/", teams.team_list, name="team_list"),
    path("teams/<int:team_id>/", teams.team_detail, name="team_detail"),
    path("alignment/", alignment.alignment, name="alignment"),
    path("dashboard/", dashboard.dashboard_page, name="dashboard"),
    path(
        "alignment/objectives/<int:objective_id>/",
        alignment.alignment_objective,
        name="alignment_objective",
    ),
    re_path(
        r"^search/(?P<kind>teams|people|objectives|owners)/$",
        search.search_choices,
        name="search_choices",
    ),
]
