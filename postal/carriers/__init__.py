"""Postal carriers as plugins of the core registry (kind "postal"): a demo carrier on by
default and the VNPost adapter. The setting POSTAL_CARRIER chooses the key."""
