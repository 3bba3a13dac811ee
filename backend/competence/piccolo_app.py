import os

from piccolo.conf.apps import AppConfig

from backend.competence.tables import Framework, MentoringVisit, SelfAssessment, SelfRating

APP_CONFIG = AppConfig(
    app_name="competence",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Framework, SelfAssessment, SelfRating, MentoringVisit],
    migration_dependencies=["backend.accounts.piccolo_app"],
)
