from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import ForeignKey

ID = "2026-12-05T18:22:15:830405"
VERSION = "1.38.0"
DESCRIPTION = "Indexes on the foreign-key columns that had none"

# Deleting a person, a photo, a step or a conversation makes the database find the rows that
# point at it (to delete them or set them to null), and reads join on these columns: without an
# index each of those is a scan of the whole table (tests/api/test_indexes.py).


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="goals", description=DESCRIPTION)

    manager.alter_column(
        table_class_name="QuestionSet",
        tablename="pta_question_sets",
        column_name="created_by",
        db_column_name="created_by",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Conversation",
        tablename="pta_conversations",
        column_name="coach",
        db_column_name="coach",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Conversation",
        tablename="pta_conversations",
        column_name="question_set",
        db_column_name="question_set",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="ConversationAnswer",
        tablename="pta_answers",
        column_name="updated_by",
        db_column_name="updated_by",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Goal",
        tablename="goals",
        column_name="conversation",
        db_column_name="conversation",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Goal",
        tablename="goals",
        column_name="coach_rated_by",
        db_column_name="coach_rated_by",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Goal",
        tablename="goals",
        column_name="created_by",
        db_column_name="created_by",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="CheckIn",
        tablename="goal_check_ins",
        column_name="user",
        db_column_name="user",
        params={"index": True},
        old_params={"index": False},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    return manager
