"""Reports and indices: Decision 766, statistics, targets, PAR INDEX, PAPI (issue 18)."""
