import os

from piccolo.conf.apps import AppConfig

from backend.tasks.tables import (
    HelpRequest,
    Photo,
    SelfPrompt,
    Step,
    StepCompletion,
    StepRecord,
    Task,
    TaskProgress,
    TrainingSession,
)

APP_CONFIG = AppConfig(
    app_name="tasks",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[
        Task,
        Photo,
        Step,
        TrainingSession,
        StepRecord,
        TaskProgress,
        StepCompletion,
        SelfPrompt,
        HelpRequest,
    ],
    migration_dependencies=["backend.accounts.piccolo_app", "backend.employers.piccolo_app"],
)
