"""Importers turn what analysts bring (browser text, saved pages, Markdown) into articles."""
