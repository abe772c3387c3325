"""Public endpoints: the procedure catalogue and the dossier lookup, as the public pages
show them (catalog.selectors, portal.lookup)."""

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.response import Response

from api.auth import LookupThrottle
from api.base import Numbered, PublicView
from api.serializers import LookupSerializer, ProcedureDetailSerializer, ProcedureSerializer
from catalog.models import OnlineLevel
from catalog.selectors import CatalogueFilter, procedure_public_get, procedure_search
from core import ratelimit
from portal.lookup import (
    MAX_CODE_LENGTH,
    CodeInputError,
    check_matches,
    dossier_for_lookup,
    is_plausible_code,
    normalise_check,
    normalise_code,
    public_view,
    state_only,
)


class CatalogueFilterSerializer(serializers.Serializer):
    q = serializers.CharField(max_length=200, required=False, allow_blank=True)
    field = serializers.CharField(max_length=50, required=False, allow_blank=True)
    agency = serializers.CharField(max_length=50, required=False, allow_blank=True)
    online_level = serializers.ChoiceField(
        choices=OnlineLevel.choices, required=False, allow_blank=True
    )


class ProcedureList(PublicView):
    """Published procedures, by field then name: the public catalogue's search."""

    serializer_class = ProcedureSerializer
    pagination_class = Numbered

    @extend_schema(
        parameters=[CatalogueFilterSerializer],
        responses=ProcedureSerializer(many=True),
        operation_id="procedures_list",
    )
    def get(self, request):
        criteria = CatalogueFilterSerializer(data=self.query())
        criteria.is_valid(raise_exception=True)
        data = criteria.validated_data
        rows = procedure_search(
            CatalogueFilter(
                query=data.get("q", ""),
                field=data.get("field", ""),
                agency=data.get("agency", ""),
                online_level=data.get("online_level", ""),
            )
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ProcedureSerializer(page, many=True).data)


class ProcedureDetail(PublicView):
    """The published version of one procedure: channels and time limits, fees, documents."""

    serializer_class = ProcedureDetailSerializer

    @extend_schema(operation_id="procedures_retrieve")
    def get(self, request, pk: int):
        return Response(ProcedureDetailSerializer(procedure_public_get(pk)).data)


class LookupQuery(serializers.Serializer):
    code = serializers.CharField(
        max_length=MAX_CODE_LENGTH * 4, help_text="The dossier code on the receipt."
    )
    check = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        help_text="The check value printed beside the code: with it, the masked full view.",
    )


class Lookup(PublicView):
    """A dossier's state by its code, as the lookup page answers: the state alone, or with the
    check value printed on the receipt the masked view (no ID number, no full name, no
    address). Limited per address together with the page (R6)."""

    serializer_class = LookupSerializer
    throttle_classes = [LookupThrottle]

    @extend_schema(
        parameters=[LookupQuery],
        operation_id="lookup",
    )
    def get(self, request):
        query = LookupQuery(data=self.query())
        query.is_valid(raise_exception=True)
        try:
            code = normalise_code(query.validated_data["code"])
        except CodeInputError as error:
            raise ValidationError({"code": [error.args[0]]}) from error
        check = normalise_check(query.validated_data.get("check", ""))
        failures = {
            "key": f"lookup-check:{ratelimit.client_key(request)}",
            "limit": settings.LOOKUP_CHECK_FAILURE_LIMIT,
            "window_seconds": settings.LOOKUP_CHECK_FAILURE_WINDOW,
        }
        if check:
            used_up, retry_after = ratelimit.used_up(**failures)
            if used_up:
                raise Throttled(wait=retry_after)
        # An implausible code gets the same answer as an unknown one: no hints (R6).
        found = dossier_for_lookup(code=code) if is_plausible_code(code) else None
        if found is None:
            raise NotFound
        dossier, applicant_name = found
        if check and check_matches(check, dossier.lookup_check):
            view = public_view(dossier=dossier, applicant_name=applicant_name, now=timezone.now())
            body = {
                "code": view.code,
                "national_code": view.national_code,
                "state_label": str(view.state_label),
                "full": True,
                "procedure_name": view.procedure_name,
                "applicant": view.applicant,
                "state_text": str(view.state_text),
                "submitted_at": view.submitted_at,
                "received_at": view.received_at,
                "due_at": view.due_at if view.show_due else None,
                "finished_at": view.finished_at,
                "returned_at": view.returned_at,
                "timeliness": str(view.timeliness_text),
                "return_method": str(view.return_method),
                "return_place": view.return_place,
            }
        else:
            if check:
                ratelimit.hit(**failures)
            state = state_only(dossier=dossier)
            body = {
                "code": state.code,
                "national_code": state.national_code,
                "state_label": str(state.state_label),
                "full": False,
            }
        # Only the fields of this view: the state alone has no dates, not even empty ones.
        shown = {name: value for name, value in LookupSerializer(body).data.items() if name in body}
        response = Response(shown)
        response["Cache-Control"] = "no-store, private"
        return response
