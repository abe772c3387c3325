"""The national portal's JSON for one dossier event: a DongBoHoSoMC record (the dossier as it
stood after the event) and a CapNhatTienDoHoSoMC progress row (the step itself). Pure functions
of a dossier read with `sync.selectors.dossiers_for_sync` and its event; the field names and
rules are those documented in docs/national-portal-sync.md."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from core.models import DomainEvent
from dossiers.events import APOLOGY_ISSUED, RECEIVE, STATE_CHANGED
from dossiers.models_results import ResultStage
from dossiers.workflow import Action

# What the portal tracks: every change of national status (1–10) and an apology's new date.
TRACKED_KINDS = frozenset({STATE_CHANGED, APOLOGY_ISSUED})
SUMMARY_LIMIT = 1000  # TrichYeuHoSo
FILE_NAME_LIMIT = 4000  # TenTepDinhKem
HANDLER_LIMIT = 50  # NguoiXuLy
PORTAL_TIME = "%Y%m%d%H%M%S"


@dataclass(frozen=True)
class Message:
    """One event on its way to the portal."""

    event_id: int
    dossier_id: int
    code: str
    agency_code: str
    national_code: int
    is_new: bool  # the portal has not seen the dossier yet: isUpdating "False"
    record: dict
    progress: dict


def tracked(event: DomainEvent) -> bool:
    """Whether the portal follows this event: a move between national codes (internal moves
    such as specialist → leader stay 4 → 4 and are not sent), or an apology (new date)."""
    if event.kind == APOLOGY_ISSUED:
        return True
    if event.kind != STATE_CHANGED:
        return False
    payload = event.payload
    return payload.get("from_national_code") != payload.get("to_national_code")


def portal_time(value: datetime | str | None) -> str:
    """yyyyMMddHHmmss in Vietnam's time, as the portal reads dates; "" when there is none."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is None:
        return ""
    return timezone.localtime(value).strftime(PORTAL_TIME)


def identity_type(number: str) -> int | None:
    """LoaiDinhDanh: 1 for a 12-digit citizen ID card (CCCD), 2 for a 9-digit old ID (CMND)."""
    if number.isdigit() and len(number) == 12:
        return 1
    if number.isdigit() and len(number) == 9:
        return 2
    return None


def step_name(action: str) -> str:
    """NoiDungXuLy: what the step was, in Vietnamese whatever language the worker runs in."""
    with translation.override("vi"):
        if action == RECEIVE:
            return str(translation.gettext("Dossier received"))
        if action in Action.values:
            return str(Action(action).label).capitalize()
        return action


def _applicant_fields(applicant) -> dict:
    if applicant is None:
        return {
            "ChuHoSo": "",
            "LoaiDoiTuong": 1,
            "SoGiayToChuHoSo": "",
            "DinhDanhCHS": [],
            "Email": "",
            "SoDienThoai": "",
        }
    business = applicant.kind == "organisation"
    number = applicant.tax_code if business else applicant.id_number
    kind = identity_type(applicant.id_number or "")
    return {
        "ChuHoSo": (applicant.organisation_name if business else "") or applicant.full_name,
        "LoaiDoiTuong": 2 if business else 1,
        "SoGiayToChuHoSo": number or "",
        "DinhDanhCHS": (
            [{"LoaiDinhDanh": kind, "SoDinhDanh": applicant.id_number}] if kind else []
        ),
        "Email": applicant.email or "",
        "SoDienThoai": applicant.phone or "",
    }


def dossier_record(dossier, event: DomainEvent) -> dict:
    """The DongBoHoSoMC record of `dossier` as it stood right after `event`: the national
    status and the promised date are the event's, not today's (a later event has its own)."""
    payload = event.payload
    code = int(payload["to_national_code"])
    version = dossier.procedure_version
    procedure = version.procedure
    due = payload.get("extended_due_at") or payload.get("due_at")
    reason = payload.get("reason") or ""
    documents = [
        {
            "TepDinhKemId": str(document.pk),
            "TenTepDinhKem": document.name[:FILE_NAME_LIMIT],
            "IsDeleted": False,
            "MaThanhPhanHoSo": str(document.required_id or ""),
            # Files are not published: the portal gets no download address (docs).
            "DuongDanTaiTepTin": "",
            "DuocSoHoa": 1 if document.file_count else 0,
            "DuocTaiSuDung": 0,
            "DuocLayTuKhoDMQG": 0,
        }
        for document in dossier.documents.all()
        if document.received
    ]
    results = [
        {
            "GiayToId": str(result.pk),
            "TenGiayTo": (result.number or version.name)[:FILE_NAME_LIMIT],
            "MaThanhPhanHoSo": "",
            "DuongDanTepTinKetQua": "",
            "MaGiayToKetQua": "",
        }
        for result in dossier.result_documents.all()
        if code >= 9 and result.stage == ResultStage.FINAL
    ]
    fees = [
        {
            "TenPhiLePhi": fee.name,
            "MaPhiLePhi": str(fee.pk),
            "HinhThucThu": int(fee.collected_at or 1),
            "Gia": fee.amount,  # integer đồng
            "LoaiPhiLePhi": 1,
        }
        for fee in dossier.fees.all()
    ]
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": procedure.national_code,
        "TenTTHC": version.name,
        "MaLinhVuc": version.field.code,
        "TenLinhVuc": version.field.name,
        "KenhThucHien": int(dossier.channel),
        **_applicant_fields(dossier.primary_applicant),
        "MaDoiTuong": "",
        "ThongTinKhac": "",
        "Fax": "",
        "TrichYeuHoSo": (dossier.request_summary or version.name)[:SUMMARY_LIMIT],
        "NgayNopHoSo": portal_time(dossier.submitted_at or dossier.received_at),
        "NgayTiepNhan": portal_time(dossier.received_at),
        "NgayHenTra": portal_time(due),
        "TrangThaiHoSo": code,
        "NgayTuChoi": portal_time(event.at) if code == 3 else "",
        "NgayYeuCauBoSung": portal_time(dossier.supplement_requested_at) if code == 5 else "",
        "NgayKetThucXuLy": portal_time(dossier.finished_at) if code in (9, 10) else "",
        "NgayTra": portal_time(dossier.returned_at) if code == 10 else "",
        "ThongTinTra": "",
        "HinhThuc": 0,
        "DonViXuLy": dossier.handling_agency.name,
        "GhiChu": reason[:SUMMARY_LIMIT],
        "HoSoCoThanhPhanSoHoa": 1 if any(d["DuocSoHoa"] for d in documents) else 0,
        "TaiKhoanDuocXacThucVoiVNeID": 0,
        "DuocThanhToanTrucTuyen": 0,
        "TaiLieuNop": documents,
        "DanhSachLePhi": fees,
        "DanhSachTepDinhKemKhac": [],
        "DanhSachGiayToKetQua": results,
        "DanhSachHoSoBoSung": [],
    }


def progress_row(dossier, event: DomainEvent) -> dict:
    """The CapNhatTienDoHoSoMC row of the step: who, when, what, and the status it led to.
    (MaHoSo, ThoiDiemXuLy, TrangThai, NoiDungXuLy) names the step: it is how a worker that
    died asks the portal whether the step arrived."""
    payload = event.payload
    return {
        "MaHoSo": dossier.code,
        "NguoiXuLy": event.actor_label[:HANDLER_LIMIT],
        "ChucDanh": "",
        "ThoiDiemXuLy": portal_time(event.at),
        "PhongBanXuLy": dossier.handling_agency.name,
        "NoiDungXuLy": step_name(payload.get("action", "")),
        "TrangThai": int(payload["to_national_code"]),
        "NgayBatDau": portal_time(dossier.received_at or dossier.submitted_at),
        "NgayKetThucTheoQuyDinh": portal_time(
            payload.get("extended_due_at") or payload.get("due_at")
        ),
    }


def message_for(dossier, event: DomainEvent, *, is_new: bool) -> Message:
    return Message(
        event_id=event.pk,
        dossier_id=dossier.pk,
        code=dossier.code,
        agency_code=dossier.receiving_agency.code,
        national_code=int(event.payload["to_national_code"]),
        is_new=is_new,
        record=dossier_record(dossier, event),
        progress=progress_row(dossier, event),
    )
