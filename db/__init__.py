"""Persistence: models, engine and sessions, migrations, backups. Never imports Qt."""
