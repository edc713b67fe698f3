"""Event types of users and the invitations that create them (``user.*``, ``invitation.*``)."""

from __future__ import annotations

from prm_api.events.registry import define, define_verbs
from prm_api.partners.schemas import InvitationOut
from prm_api.users.schemas import UserOut

_USER = define_verbs(
    "user",
    UserOut,
    {
        "created": "A user was created (staff, partner user, or an accepted invitation).",
        "updated": "A user's name or role changed.",
        "deactivated": "A user was deactivated and signed out everywhere.",
        "reactivated": "A deactivated user may sign in again.",
    },
)
USER_CREATED = _USER["created"]
USER_UPDATED = _USER["updated"]
USER_DEACTIVATED = _USER["deactivated"]
USER_REACTIVATED = _USER["reactivated"]

# The audit trail speaks of the invitation record; subscribers of the event of the user.
USER_INVITED = define(
    "user.invited",
    "A partner user was invited; ``data.object`` is the invitation (never its token).",
    InvitationOut,
    audit_action="invitation.created",
)
_INVITATION = define_verbs(
    "invitation",
    InvitationOut,
    {
        "accepted": "An invitation was accepted and its user created.",
        "revoked": "An invitation was revoked before it was used.",
    },
)
INVITATION_ACCEPTED = _INVITATION["accepted"]
INVITATION_REVOKED = _INVITATION["revoked"]
