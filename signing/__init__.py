"""Signing results and letters (PAdES) and validating signed PDFs (issue 19)."""
