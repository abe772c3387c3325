"""The postal forms: an envelope's arrival, its registration as a dossier, and the address a
result goes to. They check what was typed and say what is wrong in Vietnamese; the services
write."""

import re
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.eform import DATE_FORMAT, IdNumberField
from catalog.models import Channel
from core.phones import PhoneField
from core.text import fold
from dossiers.forms_checklist import DocumentChecklist
from dossiers.models import ReturnMethod
from dossiers.services import ApplicantData, Reception
from org.models import TWO_TIER_REFORM, AdministrativeUnit, UnitLevel
from postal.itemnumbers import S10, is_valid_s10, normalise_item_number
from postal.models import ReceiptSentBy
from postal.services_delivery import AddressChoice

ITEM_NUMBER = re.compile(r"[A-Z0-9]{6,20}")
# "Xã", "Phường", "Đặc khu" and the like, dropped before comparing names.
_UNIT_WORDS = re.compile(r"^(xa|phuong|dac khu|thi tran|thanh pho|tinh|tp\.?)\s+")


class ItemNumberField(forms.CharField):
    def to_python(self, value):
        number = normalise_item_number(super().to_python(value))
        if not number:
            return number
        if not ITEM_NUMBER.fullmatch(number):
            raise forms.ValidationError(
                _("“%(value)s” is not a postal item number: 6 to 20 letters and digits."),
                params={"value": number[:30]},
                code="item_number",
            )
        if S10.fullmatch(number) and not is_valid_s10(number):
            raise forms.ValidationError(
                _(
                    "Check the number “%(value)s”: its check digit does not match (a typing "
                    "mistake?)."
                ),
                params={"value": number},
                code="item_check_digit",
            )
        return number


class ArrivalForm(forms.Form):
    agency = forms.TypedChoiceField(label=_("Receiving point"), coerce=int)
    item_number = ItemNumberField(
        label=_("Postal item number"),
        max_length=30,
        help_text=_("As printed on the envelope, e.g. EB123456785VN."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
    sender_name = forms.CharField(label=_("Sender"), max_length=150)
    sender_address = forms.CharField(label=_("Sender's address"), max_length=500, required=False)
    sender_phone = PhoneField(label=_("Sender's phone"), required=False)
    posted_on = forms.DateField(
        label=_("Posted on (postmark)"),
        required=False,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"placeholder": "dd/mm/yyyy"}),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {agency.pk: agency for agency in agencies}
        field = self.fields["agency"]
        field.choices = [(agency.pk, agency.name) for agency in agencies]
        if len(agencies) == 1:
            field.initial = agencies[0].pk
            field.widget = forms.HiddenInput()

    def clean_posted_on(self):
        posted = self.cleaned_data["posted_on"]
        if posted and posted > timezone.localdate():
            raise forms.ValidationError(_("The postmark cannot be later than today."))
        return posted


def provinces():
    return AdministrativeUnit.objects.filter(
        level=UnitLevel.PROVINCE, effective_from=TWO_TIER_REFORM, effective_to__isnull=True
    ).order_by("name")


def _bare(name: str) -> str:
    return _UNIT_WORDS.sub("", fold(name))


def commune_named(province: AdministrativeUnit, typed: str) -> AdministrativeUnit | None:
    """The commune, ward or special zone of `province` named `typed`, with or without its
    diacritics and its "Xã"/"Phường" word; None when none or several match."""
    wanted = _bare(typed)
    matches = [
        unit
        for unit in AdministrativeUnit.objects.filter(
            parent=province, level=UnitLevel.COMMUNE, effective_to__isnull=True
        )
        if _bare(unit.name) == wanted or fold(unit.name) == fold(typed)
    ]
    exact = [unit for unit in matches if fold(unit.name) == fold(typed)]
    if len(exact) == 1:
        return exact[0]
    return matches[0] if len(matches) == 1 else None


class AddressForm(forms.Form):
    """Where the result goes by post: checked against the administrative units in force since
    01/07/2025 (province and commune; districts no longer exist)."""

    recipient_name = forms.CharField(
        label=_("Recipient"),
        max_length=150,
        error_messages={"required": _("Enter who receives the result.")},
    )
    street = forms.CharField(
        label=_("House number, street, hamlet"),
        max_length=300,
        help_text=_("Without the commune and province: they are chosen below."),
        error_messages={"required": _("Enter the house number and street, or the hamlet.")},
    )
    province = forms.ModelChoiceField(
        label=_("Province / city"),
        queryset=AdministrativeUnit.objects.none(),
        empty_label=_("— choose —"),
        error_messages={
            "required": _("Choose the province or city."),
            "invalid_choice": _("Choose the province from the list."),
        },
    )
    commune = forms.CharField(
        label=_("Commune / ward / special zone"),
        max_length=150,
        help_text=_("Its name since 01/07/2025, e.g. Hoàn Kiếm, Sóc Sơn."),
        error_messages={"required": _("Enter the commune, ward or special zone.")},
    )
    phone = PhoneField(label=_("Recipient's phone"), help_text=_("The postman calls it."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces()

    def clean(self):
        data = super().clean()
        province, typed = data.get("province"), data.get("commune", "").strip()
        if province and typed:
            unit = commune_named(province, typed)
            if unit is None:
                self.add_error(
                    "commune",
                    forms.ValidationError(
                        _(
                            "There is no commune or ward “%(name)s” in %(province)s since "
                            "01/07/2025. Check the name: many communes were merged and renamed."
                        ),
                        params={"name": typed[:60], "province": province.name},
                        code="unknown_commune",
                    ),
                )
            else:
                data["commune_unit"] = unit
        return data

    def choice(self) -> AddressChoice:
        data = self.cleaned_data
        return AddressChoice(
            recipient_name=data["recipient_name"].strip(),
            street=data["street"].strip(),
            commune=data["commune_unit"],
            phone=data["phone"],
        )


class PostalReceptionForm(DocumentChecklist, forms.Form):
    """The dossier inside an envelope: the applicant as the declaration names them, the
    checklist ticked and scanned as at the counter, how the receipt and the result go back."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    competent_agency = forms.TypedChoiceField(label=_("Competent agency"), coerce=int)
    full_name = forms.CharField(label=_("Applicant's full name"), max_length=150)
    id_number = IdNumberField(
        label=_("ID number"),
        max_length=20,
        help_text=_("12 digits, as written in the declaration."),
    )
    address = forms.CharField(label=_("Permanent address"), max_length=500, required=False)
    phone = PhoneField(required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    receipt_sent_by = forms.ChoiceField(
        label=_("Send the receipt (Mẫu 01)"),
        choices=ReceiptSentBy.choices,
        initial=ReceiptSentBy.POST,
        widget=forms.RadioSelect,
    )
    return_method = forms.ChoiceField(
        label=_("The result is returned"),
        choices=[
            (ReturnMethod.POST, ReturnMethod.POST.label),
            (ReturnMethod.COUNTER, ReturnMethod.COUNTER.label),
        ],
        initial=ReturnMethod.POST,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, version, competents, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.agencies = {agency.pk: agency for agency in competents}
        field = self.fields["competent_agency"]
        field.choices = [(agency.pk, agency.name) for agency in competents]
        if len(competents) == 1:
            field.initial = competents[0].pk
            field.widget = forms.HiddenInput()
        self.fields["submission_key"].initial = uuid.uuid4()
        self.add_checklist_fields(version, scan_label=_("Scan"))

    def plain_fields(self):
        """The applicant and the choices, without the checklist (shown as a table)."""
        return [
            field for field in self.visible_fields() if not field.name.startswith(("doc_", "file_"))
        ]

    def clean(self):
        data = super().clean()
        if data.get("receipt_sent_by") == ReceiptSentBy.SMS and not data.get("phone"):
            self.add_error("phone", _("The receipt goes by SMS: enter the applicant's phone."))
        if data.get("receipt_sent_by") == ReceiptSentBy.EMAIL and not data.get("email"):
            self.add_error("email", _("The receipt goes by e-mail: enter the applicant's e-mail."))
        self.clean_checklist(
            _(
                "The dossier is not complete: %(documents)s. Tick what the envelope holds, "
                "or send it back to the sender with what is missing."
            )
        )
        return data

    def reception(self, *, agency) -> Reception:
        data = self.cleaned_data
        return Reception(
            version=self.version,
            receiving_agency=agency,
            competent_agency=self.agencies[data["competent_agency"]],
            applicant=ApplicantData(
                full_name=data["full_name"].strip(),
                id_number=data["id_number"],
                address=data["address"].strip(),
                phone=data["phone"],
                email=data["email"],
            ),
            channel=Channel.POSTAL,
            return_method=data["return_method"],
            checklist=self.checklist_items(),
            submission_key=str(data["submission_key"]),
        )
