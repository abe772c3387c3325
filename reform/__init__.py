"""Administrative reform plans and the inspection team's work (issue 17)."""
