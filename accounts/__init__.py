"""Citizens' accounts: one-time-code and national e-identity sign-in (issue 13)."""
