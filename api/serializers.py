"""What the API reads and writes, as DRF serializers: the OpenAPI schema is generated from them.

Output serializers are plain field lists over the models the selectors return; input
serializers check shape and types only. Whether an action is allowed is the services' business
(dossiers.services), never decided here."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from catalog.models import Channel
from core.phones import INVALID_MESSAGE, InvalidPhone, normalise_phone
from dossiers.models import ApplicantKind, ReturnMethod
from dossiers.workflow import NATIONAL_CODE, Action, State

# --- Catalogue --------------------------------------------------------------------------------


class ProcedureSerializer(serializers.Serializer):
    procedure_id = serializers.IntegerField()
    code = serializers.CharField(source="procedure.national_code")
    name = serializers.CharField()
    field = serializers.CharField(source="field.name")
    online_level = serializers.CharField()


class ChannelTermSerializer(serializers.Serializer):
    channel = serializers.CharField()
    available = serializers.BooleanField()
    term_value = serializers.IntegerField(allow_null=True)
    term_unit = serializers.CharField()


class FeeSerializer(serializers.Serializer):
    name = serializers.CharField()
    amount = serializers.IntegerField(allow_null=True, help_text="In đồng.")


class ProcedureDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", help_text="For `documents_received`.")
    name = serializers.CharField()
    originals = serializers.IntegerField()
    certified_copies = serializers.IntegerField()
    photocopies = serializers.IntegerField()


class ProcedureDetailSerializer(ProcedureSerializer):
    version_id = serializers.IntegerField(source="pk")
    channels = ChannelTermSerializer(many=True)
    fees = FeeSerializer(many=True)
    documents = ProcedureDocumentSerializer(many=True)


# --- Public lookup ----------------------------------------------------------------------------


class LookupSerializer(serializers.Serializer):
    """The lookup page's answer: the state alone for a code, the masked view with the check
    value printed on the receipt (portal.lookup)."""

    code = serializers.CharField()
    national_code = serializers.IntegerField()
    state_label = serializers.CharField()
    full = serializers.BooleanField(help_text="True when the check value matched.")
    procedure_name = serializers.CharField(required=False)
    applicant = serializers.CharField(required=False, help_text="Masked, as on the page.")
    state_text = serializers.CharField(required=False)
    submitted_at = serializers.DateTimeField(required=False, allow_null=True)
    received_at = serializers.DateTimeField(required=False, allow_null=True)
    due_at = serializers.DateTimeField(required=False, allow_null=True)
    finished_at = serializers.DateTimeField(required=False, allow_null=True)
    returned_at = serializers.DateTimeField(required=False, allow_null=True)
    timeliness = serializers.CharField(required=False)
    return_method = serializers.CharField(required=False)
    return_place = serializers.CharField(required=False)


# --- Dossiers ---------------------------------------------------------------------------------


class DossierSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    state = serializers.ChoiceField(choices=State.choices)
    national_code = serializers.SerializerMethodField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    version = serializers.IntegerField(help_text="Send it back with a transition (409 if stale).")
    procedure = serializers.CharField(source="procedure_version.name")
    receiving_agency = serializers.CharField(source="receiving_agency.code")
    handling_agency = serializers.CharField(source="handling_agency.code")
    submitted_at = serializers.DateTimeField(allow_null=True)
    received_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    extended_due_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)

    def get_national_code(self, dossier) -> int:
        return NATIONAL_CODE[State(dossier.state)]


class ApplicantSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ApplicantKind.choices, default=ApplicantKind.INDIVIDUAL)
    full_name = serializers.CharField(max_length=150)
    id_number = serializers.RegexField(r"^\d{12}$", required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)
    address = serializers.CharField(max_length=500, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    organisation_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    tax_code = serializers.CharField(max_length=14, required=False, allow_blank=True)

    def validate_phone(self, value: str) -> str:
        """As people write it; stored in the one format the counter's form stores."""
        if not value.strip():
            return ""
        try:
            return normalise_phone(value)
        except InvalidPhone as error:
            raise serializers.ValidationError(INVALID_MESSAGE % {"value": value[:30]}) from error


class StepSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    actor = serializers.CharField(source="actor_label")
    reason = serializers.CharField()


class DossierDetailSerializer(DossierSerializer):
    return_method = serializers.CharField()
    request_summary = serializers.CharField()
    applicants = ApplicantSerializer(many=True)
    history = StepSerializer(many=True)
    actions = serializers.SerializerMethodField(
        help_text="The actions this key's account may take now (the page offers the same)."
    )

    def get_actions(self, dossier) -> list[str]:
        return [str(edge.action) for edge in self.context.get("actions", [])]


class ReceiveSerializer(serializers.Serializer):
    procedure_version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    competent_agency = serializers.CharField(
        max_length=50, required=False, help_text="Code; by default the first the catalogue names."
    )
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.DIRECT)
    return_method = serializers.ChoiceField(
        choices=ReturnMethod.choices, default=ReturnMethod.COUNTER
    )
    applicant = ApplicantSerializer()
    request_summary = serializers.CharField(max_length=500, required=False, allow_blank=True)
    documents_received = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        max_length=100,
        required=False,
        help_text="Ids of the procedure's documents received (the counter's ticks).",
    )
    submission_key = serializers.CharField(
        max_length=64,
        required=False,
        help_text="An idempotency key: sending it again returns the dossier already received.",
    )


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=Action.choices)
    version = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text=_("The version the client last read.")
    )
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    assignee = serializers.CharField(
        max_length=150, required=False, help_text="For assign: the specialist's username."
    )
    to_agency = serializers.CharField(
        max_length=50, required=False, help_text="For transfer: the agency's code."
    )
    new_due_at = serializers.DateTimeField(required=False, help_text="For apologise.")


class DocumentFileSerializer(serializers.Serializer):
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()


class DocumentSerializer(serializers.Serializer):
    name = serializers.CharField()
    received = serializers.BooleanField()
    originals = serializers.IntegerField()
    copies = serializers.IntegerField()
    files = DocumentFileSerializer(many=True)


class ObligationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    name = serializers.CharField()
    amount = serializers.IntegerField(help_text="In đồng.")
    base_amount = serializers.IntegerField(help_text="In đồng, before any reduction.")
    state = serializers.CharField()
    reference = serializers.CharField()
    settled_at = serializers.DateTimeField(allow_null=True)


class PaymentsSerializer(serializers.Serializer):
    fees = FeeSerializer(many=True)
    obligations = ObligationSerializer(many=True)


# --- Feedback ---------------------------------------------------------------------------------


class FeedbackSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    agency = serializers.CharField(source="agency.code")
    channel = serializers.CharField()
    kind = serializers.CharField()
    state = serializers.CharField()
    subject = serializers.CharField()
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)


class FeedbackDetailSerializer(FeedbackSerializer):
    content = serializers.CharField()
    answer = serializers.CharField()
