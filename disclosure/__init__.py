"""Public disclosures (công khai) and drafts for public comment (issue 17)."""
