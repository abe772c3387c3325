"""The outbox of dossier events sent to the national public-service portal (issue 19)."""
