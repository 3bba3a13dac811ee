from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-05T15:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Voice prompts stored as the phone sent them: keep only the sound"

# Voice prompts used to be stored as the phone sent them, with the container's location, maker
# and model tags. Each stored one is copied once into a new container without them
# (backend/tasks/voice.py clean()), under its new hash; one that cannot be read is left as it
# was. Nothing to undo: the old bytes are not kept.


class Steps(Table, tablename="steps"):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tasks", description=DESCRIPTION)

    async def clean_stored_voice():
        import asyncio
        import hashlib

        from backend.lib.storage import get_storage
        from backend.tasks import voice
        from backend.tasks.services import task_prefix, voice_name

        storage = get_storage()
        rows = await Steps.raw(
            "SELECT id, task, voice_hash, voice_type FROM steps WHERE voice_hash <> ''"
        )
        for row in rows:
            folder = f"{task_prefix(str(row['task']))}/voice/{row['id']}"
            old = f"{folder}/{voice_name(row['voice_hash'], row['voice_type'])}"
            data = await storage.get(old)
            if data is None:
                continue
            try:
                cleaned = await asyncio.to_thread(voice.clean, data, voice.check(data))
            except voice.VoiceRefused:
                continue
            digest = hashlib.sha256(cleaned).hexdigest()
            new = f"{folder}/{voice_name(digest, row['voice_type'])}"
            await storage.put(new, cleaned, row["voice_type"])
            await Steps.raw(
                "UPDATE steps SET voice_hash = {} WHERE id = {}", digest, row["id"]
            )
            if new != old:
                await storage.delete(old)

    manager.add_raw(clean_stored_voice)
    return manager
