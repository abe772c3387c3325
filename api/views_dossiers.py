"""Dossiers for an agency's machine clients: list, read, receive, move along the workflow.

Every read is the staff pages' selector (dossiers.selectors, scoped by org.access: another
agency's dossier is a 404, R5) and every write the one write path (dossiers.services), with the
client's service account as the acting member of staff."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from api.base import ClientView, NewestFirst
from api.serializers import (
    DossierDetailSerializer,
    DossierSerializer,
    ReceiveSerializer,
    TransitionSerializer,
)
from catalog.models import Channel
from core.actors import Actor
from dossiers.selectors import (
    actions_for,
    assignee_choices,
    competent_agencies,
    dossier_for_staff,
    dossiers_for_staff,
    dossiers_matching,
    receivable_version,
    receiving_agencies_of,
    transfer_choices,
)
from dossiers.services import (
    ApplicantData,
    ChecklistItem,
    Move,
    Reception,
    dossier_receive,
    dossier_transition,
)
from dossiers.workflow import State

LIST_FIELDS = (
    "code",
    "state",
    "channel",
    "version",
    "submitted_at",
    "received_at",
    "due_at",
    "extended_due_at",
    "finished_at",
    "returned_at",
    "procedure_version__name",
    "receiving_agency__code",
    "handling_agency__code",
)


class DossierFilter(serializers.Serializer):
    # Blank is allowed and means "any", as an empty select in a form sends it.
    state = serializers.ChoiceField(choices=State.choices, required=False, allow_blank=True)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, allow_blank=True)
    code = serializers.CharField(
        max_length=80,
        required=False,
        allow_blank=True,
        help_text="Exactly this dossier code (the unique index: fast at any size).",
    )
    q = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="The workspace's search: part of a code, an ID number or a name (slower).",
    )
    received_from = serializers.DateTimeField(required=False)
    received_to = serializers.DateTimeField(required=False)


def _detail(user, pk: int) -> dict:
    dossier = dossier_for_staff(user, pk=pk)
    actions = actions_for(Actor.staff(user), dossier)
    return DossierDetailSerializer(dossier, context={"actions": actions}).data


class DossierList(ClientView):
    """The dossiers this key's agency may see, newest first, with cursor paging."""

    serializer_class = DossierSerializer
    pagination_class = NewestFirst

    @extend_schema(
        parameters=[DossierFilter],
        responses=DossierSerializer(many=True),
        operation_id="dossiers_list",
    )
    def get(self, request):
        criteria = DossierFilter(data=self.query())
        criteria.is_valid(raise_exception=True)
        data = criteria.validated_data
        rows = dossiers_for_staff(request.user)
        if data.get("state"):
            rows = rows.filter(state=data["state"])
        if data.get("channel"):
            rows = rows.filter(channel=data["channel"])
        if data.get("code"):
            rows = rows.filter(code=data["code"].strip().upper())
        if "received_from" in data:
            rows = rows.filter(received_at__gte=data["received_from"])
        if "received_to" in data:
            rows = rows.filter(received_at__lt=data["received_to"])
        if data.get("q", "").strip():
            rows = dossiers_matching(rows, data["q"])
        rows = rows.select_related("procedure_version", "receiving_agency", "handling_agency").only(
            *LIST_FIELDS
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(DossierSerializer(page, many=True).data)

    @extend_schema(
        request=ReceiveSerializer,
        responses={201: DossierDetailSerializer, 200: DossierDetailSerializer},
        operation_id="dossiers_receive",
    )
    def post(self, request):
        """Receive a dossier at this key's counter, as the reception screen does
        (dossiers.services.dossier_receive). The same `submission_key` sent again returns the
        dossier already received, with 200."""
        given = ReceiveSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        user = request.user
        version = receivable_version(user, pk=data["procedure_version"])  # 404 if not ours
        counters = receiving_agencies_of(user)
        if not counters:
            raise PermissionDenied(_("This key's account has no receiving role."))
        competents = competent_agencies(user, version)
        wanted = data.get("competent_agency")
        competent = next((a for a in competents if not wanted or a.code == wanted), None)
        if competent is None:
            raise ValidationError(
                {"competent_agency": [_("No agency of yours decides this procedure.")]}
            )
        key = data.get("submission_key")
        if key:
            # Scoped to the client: another client's key never finds this client's dossier.
            key = f"api:{request.auth.pk}:{key}"[:64]
            already = dossiers_for_staff(user).filter(submission_key=key).first()
            if already is not None:
                return Response(_detail(user, already.pk), status=status.HTTP_200_OK)
        received = set(data.get("documents_received", []))
        reception = Reception(
            version=version,
            receiving_agency=counters[0],
            competent_agency=competent,
            applicant=ApplicantData(**data["applicant"]),
            channel=data["channel"],
            return_method=data["return_method"],
            request_summary=data.get("request_summary", "").strip(),
            submission_key=key,
            checklist=[
                ChecklistItem(
                    name=document.name,
                    required_id=document.pk,
                    received=document.pk in received,
                    originals=document.originals if document.pk in received else 0,
                    copies=document.certified_copies + document.photocopies
                    if document.pk in received
                    else 0,
                )
                for document in version.documents.all()
            ],
        )
        dossier = dossier_receive(reception=reception, actor=Actor.staff(user))
        return Response(_detail(user, dossier.pk), status=status.HTTP_201_CREATED)


class DossierDetail(ClientView):
    """One dossier with its applicants, history and the actions the key may take now."""

    serializer_class = DossierDetailSerializer

    @extend_schema(operation_id="dossiers_retrieve")
    def get(self, request, pk: int):
        return Response(_detail(request.user, pk))


class DossierTransition(ClientView):
    """Apply one workflow action, with the `version` the client last read: a stale version is
    409 and changes nothing (R3); an action the workflow refuses now is 400 with the reason."""

    serializer_class = TransitionSerializer

    @extend_schema(
        request=TransitionSerializer,
        responses={200: DossierDetailSerializer},
        operation_id="dossiers_transition",
    )
    def post(self, request, pk: int):
        user = request.user
        dossier = dossier_for_staff(user, pk=pk)  # 404 before anything else (R5)
        given = TransitionSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        assignee = to_agency = None
        if data.get("assignee"):
            assignee = assignee_choices(dossier).filter(username=data["assignee"]).first()
            if assignee is None:
                raise ValidationError(
                    {"assignee": [_("The person chosen does not work on this agency's dossiers.")]}
                )
        if data.get("to_agency"):
            to_agency = transfer_choices(dossier).filter(code=data["to_agency"]).first()
            if to_agency is None:
                raise ValidationError({"to_agency": [_("Choose the agency the dossier goes to.")]})
        move = Move(
            action=data["action"],
            expected_version=data["version"],
            reason=data.get("reason", ""),
            note=data.get("note", ""),
            assignee=assignee,
            to_agency=to_agency,
            new_due_at=data.get("new_due_at"),
        )
        dossier_transition(dossier_id=dossier.pk, move=move, actor=Actor.staff(user))
        return Response(_detail(user, pk))
