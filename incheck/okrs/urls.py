from django.urls import path

from incheck.okrs import views

urlpatterns = [
    path("", views.inbox, name="inbox"),
]
