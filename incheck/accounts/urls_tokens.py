from django.urls import path

from incheck.accounts import views_tokens

urlpatterns = [
    path("tokens/", views_tokens.api_tokens, name="api_tokens"),
    path("tokens/<str:prefix>/revoke/", views_tokens.api_token_revoke, name="api_token_revoke"),
]
