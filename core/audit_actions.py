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
    "citizen_account_vneid": _("Citizen signed in with VNeID (identity verified)"),
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
    # Reports
    "par_assess": _("PAR INDEX criterion self-assessed"),
    "result_document_draft": _("Draft result document attached"),
    "result_document_final": _("Signed result document recorded"),
    "result_collected": _("Result collected (collector recorded)"),
    "result_file_download": _("Result document downloaded"),
    "result_file_integrity_failed": _("Result document failed its integrity check"),
    # The REST API (api): its keys, and every call a key makes
    "api_client_create": _("API key created"),
    "api_client_revoke": _("API key revoked"),
    "api_call": _("API call"),
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
    # Feedback (phản ánh, kiến nghị): "feedback_" + the workflow's action
    "feedback_register": _("Feedback registered"),
    "feedback_view": _("Feedback viewed"),
    "feedback_reject": _("Feedback not accepted"),
    "feedback_redirect": _("Feedback forwarded as a complaint or denunciation"),
    "feedback_accept": _("Feedback accepted as within competence"),
    "feedback_declare_outside": _("Feedback classified as outside competence"),
    "feedback_forward": _("Feedback forwarded to the competent agency"),
    "feedback_assign": _("Feedback assigned to an officer"),
    "feedback_answer": _("Feedback answered"),
    "feedback_publish": _("Feedback answer published"),
    # Reform plans (reform)
    "reform.plan_create": _("Reform plan created"),
    "reform.plan_update": _("Reform plan changed"),
    "reform.task_add": _("Reform plan task added"),
    "reform.task_update": _("Reform plan task changed"),
    "reform.tasks_import": _("Reform plan tasks imported from Excel"),
    "reform.progress": _("Reform plan task progress reported"),
    "reform.review": _("Reform plan quarterly review recorded"),
    # Satisfaction ratings
    "rating_answer": _("Citizen's rating recorded"),
    # The postal service (postal)
    "postal_item_arrived": _("Postal item logged on arrival"),
    "postal_item_registered": _("Postal item registered as a dossier"),
    "postal_item_sent_back": _("Postal item sent back to the sender"),
    "postal_item_posted_back": _("Receipt or sent-back item handed to the post for the sender"),
    "postal_delivery_requested": _("Result by post: address and postage recorded"),
    "postal_delivery_ordered": _("Result by post: order placed with the carrier"),
    "postal_delivery_handed_over": _("Result by post: envelope handed to the post"),
    "postal_delivery_cancelled": _("Result by post: delivery cancelled"),
    "postal_tracking": _("Result by post: carrier status recorded"),
    "postal_label_pdf": _("Postal label printed"),
    "postal_callback_refused": _("Carrier callback refused"),
    # Fees and payments (payments)
    "obligation_add": _("Amount owed set by an officer"),
    "obligation_postage": _("Postage of the result by post owed"),
    "obligation_reduce": _("Amount owed reduced"),
    "obligation_waive": _("Amount owed exempted"),
    "obligation_refund": _("Amount paid refunded"),
    "payment_start": _("Payment started"),
    "payment_succeeded": _("Payment succeeded"),
    "payment_failed": _("Payment failed"),
    "payment_cancelled": _("Payment cancelled"),
    "payment_expired": _("Payment expired"),
    "payment_answer_refused": _("Payment answer refused"),
    "receipt_issue": _("Fee receipt issued"),
    "receipt_cancel": _("Fee receipt cancelled"),
    "receipt_pdf": _("Fee receipt downloaded as PDF"),
    "bank_statement_import": _("Bank statement imported"),
    # The inspection team (inspection)
    "inspection.start": _("Inspection started"),
    "inspection.finding": _("Inspection: result of an item recorded"),
    "inspection.evidence": _("Inspection: evidence file attached"),
    "inspection.action": _("Inspection: follow-up action set"),
    "inspection.action_done": _("Inspection: follow-up action done"),
    "inspection.outcome": _("Inspection: commendation or discipline recorded"),
    "inspection.close": _("Inspection concluded"),
    # Drafts for public comment (disclosure)
    "draft.create": _("Draft for public comment created"),
    "draft.update": _("Draft for public comment corrected"),
    "draft.publish": _("Draft published for comment"),
    "draft.comment": _("Comment on a draft received"),
    "draft.moderate": _("Comment on a draft moderated"),
    "draft.answer": _("Comment on a draft answered"),
    "draft.summary": _("Summary of comments published"),
}


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


def action_choices() -> list[tuple[str, str]]:
    """(code, label) for every known action, by label in the current language."""
    labelled = [(code, str(label)) for code, label in ACTION_LABELS.items()]
    return sorted(labelled, key=lambda choice: fold(choice[1]))
