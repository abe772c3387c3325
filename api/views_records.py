"""What a dossier carries, and the agency's feedback, for machine clients: the documents and
their files' fingerprints, fees and payment obligations, feedback items. Read through the staff
pages' selectors, so the same scope holds (R5)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.base import ClientView, NewestFirst
from api.serializers import (
    DocumentSerializer,
    FeedbackDetailSerializer,
    FeedbackSerializer,
    PaymentsSerializer,
)
from dossiers.selectors import dossier_for_staff
from feedback.selectors import item_for_staff, items_for_staff
from feedback.workflow import State as FeedbackState
from payments.models import Obligation


class DossierDocuments(ClientView):
    """The dossier's checklist: each document, whether it was received, and its files (name,
    type, size and SHA-256, to check a copy held elsewhere)."""

    serializer_class = DocumentSerializer

    @extend_schema(responses={200: DocumentSerializer(many=True)}, operation_id="documents_list")
    def get(self, request, pk: int):
        dossier = dossier_for_staff(request.user, pk=pk)
        return Response(DocumentSerializer(dossier.documents.all(), many=True).data)


class DossierPayments(ClientView):
    """The fees charged at reception and the payment obligations made from them, with their
    state (due, paid, waived…): amounts in đồng."""

    serializer_class = PaymentsSerializer

    @extend_schema(operation_id="payments_retrieve")
    def get(self, request, pk: int):
        dossier = dossier_for_staff(request.user, pk=pk)
        obligations = Obligation.objects.filter(dossier=dossier).order_by("id")
        body = {"fees": dossier.fees.all(), "obligations": obligations}
        return Response(PaymentsSerializer(body).data)


class FeedbackFilter(serializers.Serializer):
    state = serializers.ChoiceField(choices=FeedbackState.choices, required=False, allow_blank=True)


class FeedbackList(ClientView):
    """Feedback (phản ánh, kiến nghị) of the key's agency, newest first, with cursor paging."""

    serializer_class = FeedbackSerializer
    pagination_class = NewestFirst

    @extend_schema(
        parameters=[FeedbackFilter],
        responses=FeedbackSerializer(many=True),
        operation_id="feedback_list",
    )
    def get(self, request):
        criteria = FeedbackFilter(data=self.query())
        criteria.is_valid(raise_exception=True)
        rows = items_for_staff(request.user)
        if criteria.validated_data.get("state"):
            rows = rows.filter(state=criteria.validated_data["state"])
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(FeedbackSerializer(page, many=True).data)


class FeedbackDetail(ClientView):
    serializer_class = FeedbackDetailSerializer

    @extend_schema(operation_id="feedback_retrieve")
    def get(self, request, pk: int):
        return Response(FeedbackDetailSerializer(item_for_staff(request.user, pk=pk)).data)
