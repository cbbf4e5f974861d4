"""Postil's window: Qt only here. Imports core/ and storage/, never the other way round."""
