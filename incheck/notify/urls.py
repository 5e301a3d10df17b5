from django.urls import path

from incheck.notify.views import team_settings

urlpatterns = [
    path("teams/<int:team_id>/settings/", team_settings.team_settings, name="team_settings"),
]
