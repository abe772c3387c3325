"""The citizen's online submissions, supplements, dossiers and results (issue 13)."""
