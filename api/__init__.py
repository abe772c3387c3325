"""The REST API for machine clients, with its OpenAPI schema (issue 19)."""
