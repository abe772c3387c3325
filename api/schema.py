"""The OpenAPI schema's shared parts: the API key scheme, and the error answers every
operation may give, in the one JSON shape of api.errors."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "description": "A stable code for programs."},
        "message": {"type": "string", "description": "What went wrong, in Vietnamese."},
        "fields": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "For `invalid`: the messages of each field.",
        },
    },
    "required": ["code", "message"],
}
DESCRIPTIONS = {
    "400": "Invalid input, or an action the workflow refuses now (`invalid`, `refused`).",
    "401": "No API key, or a wrong or revoked one (`not_authenticated`, `invalid_key`).",
    "403": "The key may not do this (`forbidden`, a read-only key writing).",
    "404": "Not found, or not visible to this key's agency (`not_found`).",
    "405": "Method not allowed (`method_not_allowed`).",
    "406": "Only JSON is served (`not_acceptable`).",
    "409": "The dossier changed since the client read it (`stale_version`): read it again.",
    "415": "The body is not JSON (`unsupported_media_type`).",
    "429": "Too many requests (`rate_limited`); Retry-After says when to try again.",
}


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key mc_<prefix>.<secret>`, created on the staff page “API”.",
        }


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents its error answers."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            codes = ["400", "404", "405", "406", "429"]
            if operation.get("security") and {} not in operation["security"]:
                codes += ["401", "403"]
            if method in ("post", "put", "patch"):
                codes += ["409", "415"]
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": DESCRIPTIONS[code],
                        "content": {"application/json": {"schema": ERROR_REF}},
                    },
                )
    return result
