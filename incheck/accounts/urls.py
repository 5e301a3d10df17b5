from django.urls import path

from incheck.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
]
