"""Piccolo configuration: the engine from settings, one app per domain.

Found through ``PICCOLO_CONF=backend.piccolo_conf`` (set by ``backend/__main__`` and the CLI).
"""

from typing import Any

from backend.lib.db import make_engine
from backend.settings import get_settings

DB = make_engine(get_settings().database_url)

APPS = [
    "backend.lib.piccolo_app",
    "backend.accounts.piccolo_app",
    "backend.clients.piccolo_app",
    "backend.employers.piccolo_app",
    "backend.audit.piccolo_app",
    "backend.sync.piccolo_app",
    "backend.tasks.piccolo_app",
    "backend.shifts.piccolo_app",
    "backend.goals.piccolo_app",
    "backend.reminders.piccolo_app",
    "backend.family.piccolo_app",
    "backend.agreements.piccolo_app",
    "backend.profiles.piccolo_app",
    "backend.activities.piccolo_app",
    "backend.opportunities.piccolo_app",
    "backend.journey.piccolo_app",
    "backend.workplace.piccolo_app",
    "backend.today.piccolo_app",
    "backend.fading.piccolo_app",
    "backend.handover.piccolo_app",
    "backend.fidelity.piccolo_app",
    "backend.competence.piccolo_app",
    "backend.reports.piccolo_app",
    "backend.outcomes.piccolo_app",
]


def __getattr__(name: str) -> Any:
    """``APP_REGISTRY``, made when Piccolo's commands (migrations) first ask for it: importing
    ``piccolo.conf.apps`` imports ``black`` and the migration machinery, about a fifth of a
    second of every server's start-up that serving never uses."""
    if name == "APP_REGISTRY":
        from piccolo.conf.apps import AppRegistry

        registry = AppRegistry(apps=APPS)
        globals()["APP_REGISTRY"] = registry
        return registry
    raise AttributeError(name)
