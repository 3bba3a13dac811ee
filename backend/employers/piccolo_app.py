import os

from piccolo.conf.apps import AppConfig

from backend.employers.tables import Employer, EmployerPerson, Job, MinimumWage

APP_CONFIG = AppConfig(
    app_name="employers",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Employer, EmployerPerson, Job, MinimumWage],
    migration_dependencies=["backend.accounts.piccolo_app"],
)
