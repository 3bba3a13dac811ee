import os

from piccolo.conf.apps import AppConfig

from backend.outcomes.tables import FigureChanges, KeptFigure

APP_CONFIG = AppConfig(
    app_name="outcomes",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[KeptFigure, FigureChanges],
    # The triggers watch these apps' tables: they are made after them.
    migration_dependencies=[
        "backend.accounts.piccolo_app",
        "backend.clients.piccolo_app",
        "backend.employers.piccolo_app",
        "backend.goals.piccolo_app",
        "backend.activities.piccolo_app",
        "backend.journey.piccolo_app",
    ],
)
