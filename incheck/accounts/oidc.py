"""Single sign-on with OpenID Connect, through Authlib's Django client.

Authlib reads the provider's discovery document (`OIDC_ISSUER/.well-known/openid-configuration`)
on first use and keeps it, with the provider's keys, in the process. It sends every sign-in with
a fresh `state`, `nonce` and PKCE (S256) verifier kept in the person's session, and on the way
back refuses a `state` this session did not start, then checks the ID token's signature, issuer,
audience, expiry and `nonce`. Who the signed-in person is here is decided by
`incheck.people.sso.person_for_sign_in`.
"""

from __future__ import annotations

from threading import Lock
from typing import Any

from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings

_clients: dict[tuple[Any, ...], DjangoOAuth2App] = {}
_lock = Lock()


def sso_enabled() -> bool:
    return bool(settings.OIDC_ISSUER)


def oidc_client() -> DjangoOAuth2App:
    """The Authlib client for the configured provider (one per configuration and process)."""
    key = (
        settings.OIDC_ISSUER,
        settings.OIDC_CLIENT_ID,
        settings.OIDC_CLIENT_SECRET,
        tuple(settings.OIDC_SCOPES),
        settings.OIDC_TIMEOUT,
    )
    with _lock:
        client = _clients.get(key)
        if client is None:
            oauth = OAuth()
            client = oauth.register(
                name="incheck",
                client_id=settings.OIDC_CLIENT_ID,
                client_secret=settings.OIDC_CLIENT_SECRET or None,
                server_metadata_url=f"{settings.OIDC_ISSUER}/.well-known/openid-configuration",
                client_kwargs={
                    "scope": " ".join(settings.OIDC_SCOPES),
                    "code_challenge_method": "S256",
                    # Never wait forever on a provider that does not answer.
                    "default_timeout": settings.OIDC_TIMEOUT,
                },
            )
            _clients[key] = client
    return client


def claims_of(client: DjangoOAuth2App, token: dict[str, Any]) -> dict[str, Any]:
    """The person's claims: the checked ID token's, completed by the userinfo endpoint.

    Many providers put e-mail, name and groups only in the userinfo response (the spec's
    default for the code flow); its `sub` must be the ID token's, or it is someone else's.
    """
    id_claims = token.get("userinfo")
    if not id_claims or not id_claims.get("sub"):
        raise ValueError("the provider sent no ID token")
    claims = dict(id_claims)
    if client.load_server_metadata().get("userinfo_endpoint"):
        userinfo = dict(client.userinfo(token=token))
        if userinfo.get("sub") != claims["sub"]:
            raise ValueError("userinfo is about someone else")
        for name, value in userinfo.items():
            claims.setdefault(name, value)
    return claims


def end_session_url(*, id_token: str, after: str) -> str | None:
    """The provider's sign-out address for this ID token, where it offers one."""
    client = oidc_client()
    if not client.load_server_metadata().get("end_session_endpoint"):
        return None
    result = client.create_logout_url(
        post_logout_redirect_uri=after, id_token_hint=id_token, client_id=client.client_id
    )
    return str(result["url"])
