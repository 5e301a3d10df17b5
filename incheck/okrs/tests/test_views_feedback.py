"""Continue / consider feedback from the KR page: for anyone but the KR's owner."""

from __future__ import annotations

import pytest

from incheck.okrs.models import Feedback

pytestmark = pytest.mark.django_db


def url(personas):
    return f"/key-results/{personas.kr.pk}/feedback/"


def test_a_lead_gives_feedback_from_the_kr_page(client, personas):
    client.force_login(personas.lena)
    page = client.get(f"/key-results/{personas.kr.pk}/").content.decode()
    assert 'action="' + url(personas) in page
    response = client.post(
        url(personas), {"signal": "continue", "text": "Webinars work: keep them"}
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.author, feedback.signal) == (personas.lena, "continue")
    assert "Webinars work: keep them" in client.get(response["Location"]).content.decode()


def test_a_colleague_in_another_team_may_give_feedback_too(client, personas):
    client.force_login(personas.charlie)
    response = client.post(url(personas), {"signal": "consider", "text": "Try partner clinics"})
    assert response.status_code == 302
    assert Feedback.objects.filter(author=personas.charlie).exists()


def test_the_owner_sees_no_form_and_may_not_post_feedback_on_their_own_kr(client, personas):
    client.force_login(personas.alice)
    assert (
        'action="' + url(personas)
        not in client.get(f"/key-results/{personas.kr.pk}/").content.decode()
    )
    response = client.post(url(personas), {"signal": "continue", "text": "Great job, me"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_feedback_without_words_is_a_form_error_that_keeps_the_signal(client, personas):
    client.force_login(personas.lena)
    response = client.post(url(personas), {"signal": "consider", "text": "  "})
    assert response.status_code == 422
    body = response.content.decode()
    assert "This needs a few words." in body
    assert 'value="consider" checked' in body
    assert not Feedback.objects.exists()


def test_the_kr_in_the_address_wins_over_a_hidden_field(client, personas):
    client.force_login(personas.lena)
    client.post(url(personas), {"signal": "continue", "text": "Good", "key_result": 999999})
    assert Feedback.objects.get().key_result_id == personas.kr.pk


def test_signed_out_people_are_sent_to_sign_in(client, personas):
    response = client.post(url(personas), {"signal": "continue", "text": "Hi"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Feedback.objects.exists()
