import os

from piccolo.conf.apps import AppConfig

from backend.workplace.tables import (
    AnalysisEdit,
    AnalysisPhoto,
    AnalysisTask,
    AnalysisTemplate,
    JobAnalysis,
    NaturalSupport,
)

APP_CONFIG = AppConfig(
    app_name="workplace",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[
        AnalysisTemplate,
        JobAnalysis,
        AnalysisEdit,
        AnalysisTask,
        NaturalSupport,
        AnalysisPhoto,
    ],
    migration_dependencies=[
        "backend.accounts.piccolo_app",
        "backend.employers.piccolo_app",
        "backend.tasks.piccolo_app",
    ],
)
