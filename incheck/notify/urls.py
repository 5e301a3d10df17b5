from django.urls import path

from incheck.notify.views import calendar, channels, integrations, profile, team_settings

urlpatterns = [
    path("teams/<int:team_id>/settings/", team_settings.team_settings, name="team_settings"),
    path(
        "teams/<int:team_id>/settings/channels/",
        team_settings.team_channel_add,
        name="team_channel_add",
    ),
    path("accounts/profile/nudges/", profile.nudges_save, name="profile_nudges"),
    path("accounts/profile/channels/", profile.channel_add, name="profile_channel_add"),
    path("accounts/profile/email-test/", profile.email_test, name="profile_email_test"),
    path("accounts/profile/calendar/", profile.calendar_change, name="profile_calendar"),
    path("channels/<int:channel_id>/test/", channels.channel_test_send, name="channel_test"),
    path("channels/<int:channel_id>/remove/", channels.channel_remove, name="channel_remove"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("integrations/", integrations.integrations, name="integrations"),
    path("integrations/slack/", integrations.slack_save, name="slack_save"),
    path("integrations/slack/test/", integrations.slack_test, name="slack_test"),
    path("integrations/webhooks/", integrations.webhook_add, name="webhook_add"),
    path(
        "integrations/webhooks/<int:webhook_id>/",
        integrations.webhook_detail,
        name="webhook_detail",
    ),
    path(
        "integrations/webhooks/<int:webhook_id>/test/",
        integrations.webhook_test,
        name="webhook_test",
    ),
    path(
        "integrations/webhooks/<int:webhook_id>/remove/",
        integrations.webhook_remove,
        name="webhook_remove",
    ),
]
