import os

from piccolo.conf.apps import AppConfig

from backend.opportunities.tables import Opportunity, OpportunityStep

APP_CONFIG = AppConfig(
    app_name="opportunities",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Opportunity, OpportunityStep],
    migration_dependencies=[
        "backend.accounts.piccolo_app",
        "backend.employers.piccolo_app",
        "backend.activities.piccolo_app",
    ],
)
