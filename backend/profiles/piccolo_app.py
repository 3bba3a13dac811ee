import os

from piccolo.conf.apps import AppConfig

from backend.profiles.tables import (
    Profile,
    ProfileEdit,
    ProfilePhoto,
    ProfileSection,
    ProfileTemplate,
    ProfileVersion,
)

APP_CONFIG = AppConfig(
    app_name="profiles",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[
        ProfileTemplate,
        Profile,
        ProfileSection,
        ProfilePhoto,
        ProfileVersion,
        ProfileEdit,
    ],
    migration_dependencies=["backend.accounts.piccolo_app"],
)
