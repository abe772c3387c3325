"""Digitised documents and electronic results with their metadata, and their reuse (issue 19)."""
