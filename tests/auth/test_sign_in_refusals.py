"""An account that may not sign in gets one answer, whatever the reason: locked, deactivated,
or its partner's access closed."""

from __future__ import annotations

from datetime import timedelta

from prm_api.kit.time import utcnow
from prm_api.models import User


async def test_locked_deactivated_and_suspended_accounts_get_one_answer(factory, oauth, store):
    locked = await factory.user()
    deactivated = await factory.user()
    suspended_partner = await store.partner("suspended")
    suspended = await factory.user(role="partner_user", partner_id=suspended_partner.id)
    await store._set(User, locked.id, {"locked_until": utcnow() + timedelta(minutes=10)})
    await store._set(User, deactivated.id, {"active": False})

    answers = []
    for user in (locked, deactivated, suspended):
        r = await oauth.login(user.email)  # the right password
        assert r.status_code == 400, r.text
        assert r.json()["error"] == "invalid_grant"
        assert "access_token" not in r.json()
        answers.append(r.json()["error_description"])
    assert len(set(answers)) == 1, answers
    text = answers[0].lower()
    assert "lock" not in text and "suspend" not in text and "deactivat" not in text
