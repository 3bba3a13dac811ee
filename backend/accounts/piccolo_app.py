import os

from piccolo.conf.apps import AppConfig

from backend.accounts.tables import (
    Challenge,
    Invitation,
    Organisation,
    Passkey,
    Session,
    Team,
    User,
)

APP_CONFIG = AppConfig(
    app_name="accounts",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Team, User, Passkey, Session, Challenge, Invitation, Organisation],
)
