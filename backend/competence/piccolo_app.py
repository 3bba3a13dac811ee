import os

from piccolo.conf.apps import AppConfig

from backend.competence.tables import Framework, MentoringVisit, SelfAssessment, SelfRating
from backend.competence.tables_assessment import Assessment, Certificate, Evidence
from backend.competence.tables_path import (
    FieldMentoring,
    OnboardingCompletion,
    PlanGoal,
    Simulation,
    TrainingRecord,
)

APP_CONFIG = AppConfig(
    app_name="competence",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[
        Framework,
        SelfAssessment,
        SelfRating,
        MentoringVisit,
        OnboardingCompletion,
        TrainingRecord,
        PlanGoal,
        Simulation,
        Evidence,
        Assessment,
        Certificate,
        FieldMentoring,
    ],
    migration_dependencies=["backend.accounts.piccolo_app"],
)
