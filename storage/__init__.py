"""Postil's library: one SQLite file, opened through sqlite-utils. Never imports Qt."""
