"""Satisfaction ratings and SIPAS surveys with their index (issue 15)."""
