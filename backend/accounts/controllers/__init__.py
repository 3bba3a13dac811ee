"""HTTP handlers of the accounts domain, one module a topic: getting in (``signin``), the signed-in
person and their passkeys (``me``), and people, teams and invitations (``people``)."""

from litestar import Router

from backend.accounts.controllers.common import limiter
from backend.accounts.controllers.me import MeController
from backend.accounts.controllers.people import PeopleController
from backend.accounts.controllers.signin import EnrollController, SignInController
from backend.accounts.notice_controllers import (
    MyPrivacyNoticeController,
    OrganisationController,
    PrivacyNoticeController,
)

router = Router(
    path="/",
    route_handlers=[
        EnrollController,
        SignInController,
        MeController,
        PeopleController,
        PrivacyNoticeController,
        MyPrivacyNoticeController,
        OrganisationController,
    ],
)

__all__ = ["limiter", "router"]
