"""Postil's library: one SQLite file, opened only through storage.library_files. Hand-written
SQL, with sqlite-utils on the same connection for bulk writes and schema changes
(storage.database). Never imports Qt."""
