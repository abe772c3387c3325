"""Dossiers received and results returned by post, carrier plugins and tracking (issue 16)."""
