import os

from piccolo.conf.apps import AppConfig

from backend.clients.tables import ClientRecord, FamilyLink, Mentorship

APP_CONFIG = AppConfig(
    app_name="clients",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[ClientRecord, FamilyLink, Mentorship],
)
