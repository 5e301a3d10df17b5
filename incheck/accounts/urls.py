from django.contrib.auth import views as auth_views
from django.urls import path

from incheck.accounts import views, views_password

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("password/", views_password.PasswordChange.as_view(), name="password_change"),
    # Reached before signing in (middleware.PUBLIC_PREFIXES): asking for a link and using it.
    path("password/reset/", views_password.PasswordReset.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views_password.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
