"""Synthetic dossiers for benchmarks (`manage.py generate_dossiers`)."""

from benchmarks.synthetic.store import Report, dossiers_generate

__all__ = ["Report", "dossiers_generate"]
