"""What each audit action code means, in words: the audit log page shows these and filters by them.

Codes are plain text recorded by the apps (`audit_record(action=...)`); `core` imports none of
them, so the labels live here. A code recorded by new code gets its label here too (a test scans
the code base for codes without one); a code without a label is shown as it is.
"""

from django.utils.translation import gettext_lazy as _

from core.text import fold

ACTION_LABELS = {
    # Signing in
    "login": _("Log in"),
    "logout": _("Log out"),
    "login_failed": _("Failed login"),
    "mfa_device_confirmed": _("Authenticator app set up"),
    "mfa_verified": _("Two-step verification passed"),
    "mfa_failed": _("Two-step verification failed"),
    # Administration
    "admin_create": _("Administration: record added"),
    "admin_change": _("Administration: record changed"),
    "admin_delete": _("Administration: record deleted"),
    "event_delivery_retry": _("Event deliveries retried"),
    "message_texts_change": _("Message texts changed"),
    "message_resend": _("Message to an applicant sent again"),
    "duty_shift_add": _("Duty shift added"),
    "duty_shift_remove": _("Duty shift removed"),
    # An agency's own administration (org.services)
    "agency_contact_changed": _("Agency contact details and hours changed"),
    "staff_created": _("Staff account created"),
    "staff_roles_changed": _("Staff roles changed"),
    "staff_deactivated": _("Staff account deactivated"),
    "staff_reactivated": _("Staff account reactivated"),
    "staff_password_reset": _("Staff password reset"),
    "staff_authenticator_reset": _("Staff authenticator reset"),
    # Catalogue
    "procedure_create": _("Procedure created"),
    "version_draft": _("Procedure draft started"),
    "version_save": _("Procedure draft saved"),
    "version_publish": _("Procedure version published"),
    "procedure_expire": _("Procedure expired"),
    "procedure_adapt": _("Local variant of a shared procedure drafted"),
    "procedure_agencies_handed_over": _("Agencies handed over to a local variant"),
    "catalog_import": _("Catalogue imported"),
    "eform_field_add": _("E-form field added"),
    "eform_field_update": _("E-form field changed"),
    "eform_field_delete": _("E-form field deleted"),
    "eform_field_move": _("E-form field moved"),
    # Citizens
    "citizen_create": _("Citizen record created"),
    "citizen_update": _("Citizen record changed"),
    "citizen_card_match": _("ID card matched to a citizen"),
    "consent_grant": _("Consent given"),
    "consent_withdraw": _("Consent withdrawn"),
    # Citizen accounts and online submissions (accounts, online)
    "citizen_account_create": _("Citizen account created"),
    "citizen_account_identity": _("Citizen account: identity declared"),
    "online_submit": _("Dossier submitted online"),
    # Counter
    "guidance_slip_create": _("Guidance slip issued"),
    "guided_session_record": _("Guided session recorded"),
    # Dossiers
    "dossier_receive": _("Dossier received"),
    "dossier_fee_correct": _("Fee corrected at reception, with its reason"),
    "dossier_view": _("Dossier viewed"),
    "dossier_file_download": _("Dossier file downloaded"),
    "dossier_file_integrity_failed": _("Dossier file failed its integrity check"),
    "dossier_form_pdf": _("Dossier form downloaded (PDF)"),
    "dossier_register_export": _("Tracking register exported"),
    "result_document_draft": _("Draft result document attached"),
    "result_document_final": _("Signed result document recorded"),
    "result_collected": _("Result collected (collector recorded)"),
    "result_file_download": _("Result document downloaded"),
    "result_file_integrity_failed": _("Result document failed its integrity check"),
    # Digital signatures (signing) and digitised documents (digitised)
    "dossier_form_signed": _("Dossier form downloaded digitally signed"),
    "signature_checked": _("Digital signatures of a PDF checked"),
    "digitised_component_recorded": _("Dossier component recorded as a digitised document"),
    "digitised_result_recorded": _("Result recorded as an electronic result"),
    "digitised_reused": _("Digitised document reused in a dossier"),
    # Dossier workflow steps: "dossier_" + the workflow's action
    "dossier_accept": _("Dossier accepted"),
    "dossier_refuse": _("Dossier refused at reception"),
    "dossier_assign": _("Dossier assigned to a specialist"),
    "dossier_transfer": _("Dossier transferred to another agency"),
    "dossier_request_supplement": _("Supplement requested"),
    "dossier_supplement_received": _("Supplement received"),
    "dossier_close_unsupplemented": _("Dossier closed: supplement not provided"),
    "dossier_request_payment": _("Financial obligation requested"),
    "dossier_payment_received": _("Financial obligation fulfilled"),
    "dossier_propose": _("Result proposed"),
    "dossier_approve": _("Result approved and signed"),
    "dossier_reject": _("Dossier sent back with a reason"),
    "dossier_apologise": _("Apology letter and new date issued"),
    "dossier_stop": _("Dossier processing stopped"),
    "dossier_withdraw": _("Dossier withdrawn at the applicant's request"),
    "dossier_return_result": _("Result returned"),
}


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


def action_choices() -> list[tuple[str, str]]:
    """(code, label) for every known action, by label in the current language."""
    labelled = [(code, str(label)) for code, label in ACTION_LABELS.items()]
    return sorted(labelled, key=lambda choice: fold(choice[1]))
