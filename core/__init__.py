"""Postil's domain: articles, importers, anchoring and export. Never imports Qt."""
