import os

from piccolo.conf.apps import AppConfig

from backend.goals.tables import CheckIn, Conversation, ConversationAnswer, Goal, QuestionSet

APP_CONFIG = AppConfig(
    app_name="goals",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[QuestionSet, Conversation, ConversationAnswer, Goal, CheckIn],
    migration_dependencies=["backend.accounts.piccolo_app"],
)
