"""A fake national portal adapter over real HTTP, for the tests and the benchmark. It checks
every call against the fields as docs/national-portal-sync.md documents them (written here
again, apart from sync.payload, so a builder mistake is caught), keeps what it accepted, and
can be told to fail, to answer slowly, or to apply a call and drop the connection."""

import json
import re
import secrets
import threading
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USERNAME, PASSWORD, DSTCODE = "motcua", "mat-khau-cong", "000.00.00.H01"
TIME = re.compile(r"^\d{14}$")  # yyyyMMddHHmmss


def _time(value, *, blank=True) -> bool:
    return (blank and value == "") or (isinstance(value, str) and bool(TIME.match(value)))


def _text(limit=None, *, blank=True):
    def check(value) -> bool:
        if not isinstance(value, str) or (not blank and not value.strip()):
            return False
        return limit is None or len(value) <= limit

    return check


def _int_in(*allowed):
    return lambda value: isinstance(value, int) and not isinstance(value, bool) and value in allowed


def _list_of(spec):
    def check(value) -> bool:
        return isinstance(value, list) and all(not problems(item, spec) for item in value)

    return check


DOCUMENT = {
    "TepDinhKemId": _text(blank=False),
    "TenTepDinhKem": _text(4000, blank=False),
    "IsDeleted": lambda v: isinstance(v, bool),
    "MaThanhPhanHoSo": _text(),
    "DuongDanTaiTepTin": _text(),
    "DuocSoHoa": _int_in(0, 1),
    "DuocTaiSuDung": _int_in(0, 1, 2),
    "DuocLayTuKhoDMQG": _int_in(0, 1),
}
FEE = {
    "TenPhiLePhi": _text(blank=False),
    "MaPhiLePhi": _text(),
    "HinhThucThu": _int_in(1, 2, 4),
    "Gia": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
    "LoaiPhiLePhi": _int_in(1, 2),
}
RESULT = {
    "GiayToId": _text(blank=False),
    "TenGiayTo": _text(4000, blank=False),
    "MaThanhPhanHoSo": _text(),
    "DuongDanTepTinKetQua": _text(),
    "MaGiayToKetQua": _text(),
}
IDENTITY = {"LoaiDinhDanh": _int_in(1, 2), "SoDinhDanh": lambda v: str(v).isdigit()}
DOSSIER = {
    "MaHoSo": _text(80, blank=False),
    "MaTTHC": _text(blank=False),
    "TenTTHC": _text(blank=False),
    "MaLinhVuc": _text(blank=False),
    "TenLinhVuc": _text(blank=False),
    "KenhThucHien": _int_in(1, 2, 3),
    "ChuHoSo": _text(blank=False),
    "LoaiDoiTuong": _int_in(1, 2, 3, 4),
    "MaDoiTuong": _text(),
    "SoGiayToChuHoSo": _text(),
    "DinhDanhCHS": _list_of(IDENTITY),
    "ThongTinKhac": _text(),
    "Email": _text(),
    "Fax": _text(),
    "SoDienThoai": _text(),
    "TrichYeuHoSo": _text(1000, blank=False),
    "NgayNopHoSo": _time,
    "NgayTiepNhan": _time,
    "NgayHenTra": _time,
    "TrangThaiHoSo": _int_in(*range(1, 11)),
    "NgayTuChoi": _time,
    "NgayYeuCauBoSung": _time,
    "NgayKetThucXuLy": _time,
    "NgayTra": _time,
    "ThongTinTra": _text(),
    "HinhThuc": _int_in(0, 1, 2),
    "DonViXuLy": _text(blank=False),
    "GhiChu": _text(1000),
    "HoSoCoThanhPhanSoHoa": _int_in(0, 1),
    "TaiKhoanDuocXacThucVoiVNeID": _int_in(0, 1),
    "DuocThanhToanTrucTuyen": _int_in(0, 1, 3),
    "TaiLieuNop": _list_of(DOCUMENT),
    "DanhSachLePhi": _list_of(FEE),
    "DanhSachTepDinhKemKhac": lambda v: isinstance(v, list),
    "DanhSachGiayToKetQua": _list_of(RESULT),
    "DanhSachHoSoBoSung": lambda v: isinstance(v, list),
}
PROGRESS = {
    "MaHoSo": _text(80, blank=False),
    "NguoiXuLy": _text(50, blank=False),
    "ChucDanh": _text(),
    "ThoiDiemXuLy": lambda v: _time(v, blank=False),
    "PhongBanXuLy": _text(blank=False),
    "NoiDungXuLy": _text(blank=False),
    "TrangThai": _int_in(*range(1, 11)),
    "NgayBatDau": _time,
    "NgayKetThucTheoQuyDinh": _time,
}


def problems(item, spec: dict) -> list[str]:
    """The documented fields `item` lacks, gets wrong, or has beyond the documented ones."""
    if not isinstance(item, dict):
        return ["not an object"]
    found = [f"missing {name}" for name in spec if name not in item]
    found += [
        f"bad {name}" for name, check in spec.items() if name in item and not check(item[name])
    ]
    found += [f"unknown {name}" for name in item if name not in spec]
    return found


class FakePortal:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sessions: set[str] = set()
        self.dossiers: dict[str, dict] = {}
        self.steps: dict[str, list[dict]] = defaultdict(list)
        self.duplicates: list[tuple] = []
        self.rejections: list[str] = []
        self.calls: list[str] = []
        # Controls for the tests.
        self.fail_next = 0  # answer HTTP 503 to the next N service calls
        self.refuse = set()  # MaHoSo values refused with error_code -1
        self.drop = {}  # service → N: apply its next N calls, then close without answering
        self.on_apply = None  # called after a call is applied, before the answer

    # --- what the handler calls ---------------------------------------------------------------
    def login(self, body: dict, headers) -> dict:
        if (body.get("username"), body.get("password")) != (USERNAME, PASSWORD):
            return {"error_code": -1, "message": "Sai tài khoản"}
        if headers.get("dstcode") != DSTCODE:
            return {"error_code": -1, "message": "Sai dstcode"}
        session = secrets.token_hex(8)
        self.sessions.add(session)
        return {"error_code": 0, "session": session}

    def service(self, body: dict) -> tuple[dict, bool]:
        """The answer, and whether something was applied."""
        if body.get("session") not in self.sessions:
            return {"error_code": -1, "message": "Session không hợp lệ"}, False
        if not body.get("madonvi"):
            return self._reject("missing madonvi"), False
        service = body.get("service")
        self.calls.append(service)
        if service == "DongBoHoSoMC":
            return self._dossiers(body)
        if service == "CapNhatTienDoHoSoMC":
            return self._steps(body)
        if service == "TraCuuHoSo":
            code = body.get("mahoso")
            if code not in self.dossiers:
                return {"error_code": 0, "result": None}, False
            found = dict(self.dossiers[code], QuaTrinhXuLy=self.steps[code])
            return {"error_code": 0, "result": found}, False
        return self._reject(f"unknown service {service}"), False

    def _reject(self, text: str) -> dict:
        self.rejections.append(text)
        return {"error_code": -1, "message": text}

    def _dossiers(self, body: dict) -> tuple[dict, bool]:
        updating = body.get("isUpdating")
        data = body.get("data")
        if updating not in ("True", "False") or not isinstance(data, list) or not data:
            return self._reject("bad envelope"), False
        for record in data:
            if found := problems(record, DOSSIER):
                return self._reject(f"{record.get('MaHoSo')}: {', '.join(found)}"), False
            code = record["MaHoSo"]
            if code in self.refuse:
                return self._reject(f"{code}: refused"), False
            if updating == "False" and code in self.dossiers:
                return {"error_code": 3, "message": f"{code} đã tồn tại"}, False
            if updating == "True" and code not in self.dossiers:
                return self._reject(f"{code}: not found for update"), False
        for record in data:
            self.dossiers[record["MaHoSo"]] = record
        return {"error_code": 0, "message": "Đồng bộ thành công"}, True

    def _steps(self, body: dict) -> tuple[dict, bool]:
        data = body.get("data")
        if not isinstance(data, list) or not data:
            return self._reject("bad envelope"), False
        for row in data:
            if found := problems(row, PROGRESS):
                return self._reject(f"{row.get('MaHoSo')}: {', '.join(found)}"), False
            if row["MaHoSo"] not in self.dossiers:
                return self._reject(f"{row['MaHoSo']}: progress before the dossier"), False
            if row["TrangThai"] != self.dossiers[row["MaHoSo"]]["TrangThaiHoSo"]:
                return self._reject(f"{row['MaHoSo']}: progress disagrees with the dossier"), False
        for row in data:
            steps = self.steps[row["MaHoSo"]]
            key = (row["ThoiDiemXuLy"], row["TrangThai"], row["NoiDungXuLy"])
            if any((s["ThoiDiemXuLy"], s["TrangThai"], s["NoiDungXuLy"]) == key for s in steps):
                self.duplicates.append((row["MaHoSo"], *key))
            steps.append(row)
        return {"error_code": 0, "message": "Cập nhật thành công"}, True

    def step_codes(self, code: str) -> list[int]:
        return [row["TrangThai"] for row in self.steps[code]]


def _handler(portal: FakePortal):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):  # noqa: N802 (the http.server API)
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length))
            except ValueError:
                body = None
            if not isinstance(body, dict):
                return self._answer(400, {"error_code": -1, "message": "not JSON"})
            with portal.lock:
                if self.path == "/login":
                    return self._answer(200, portal.login(body, self.headers))
                if self.path != "/service":
                    return self._answer(404, {"error_code": -1, "message": "not found"})
                if portal.fail_next:
                    portal.fail_next -= 1
                    return self._answer(503, {"error_code": -1, "message": "busy"})
                answer, applied = portal.service(body)
                service = body.get("service")
                drop = applied and portal.drop.get(service, 0) > 0
                if drop:
                    portal.drop[service] -= 1
                if applied and portal.on_apply:
                    portal.on_apply()
            if drop:  # applied, but the caller never hears it
                self.close_connection = True
                self.connection.close()
                return None
            return self._answer(200, answer)

        def _answer(self, status: int, body: dict):
            data = json.dumps(body, ensure_ascii=False).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the caller is gone (a killed worker)
                self.close_connection = True

        def log_message(self, *args):  # quiet
            pass

    return Handler


def start() -> tuple[FakePortal, ThreadingHTTPServer]:
    portal = FakePortal()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(portal))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return portal, server


def settings_for(server) -> dict:
    """The settings that point the dvcqg plugin at this fake."""
    return {
        "NATIONAL_PORTAL": "dvcqg",
        "NATIONAL_PORTAL_URL": f"http://127.0.0.1:{server.server_address[1]}",
        "NATIONAL_PORTAL_AUTH_PATH": "/login",
        "NATIONAL_PORTAL_SERVICE_PATH": "/service",
        "NATIONAL_PORTAL_USERNAME": USERNAME,
        "NATIONAL_PORTAL_PASSWORD": PASSWORD,
        "NATIONAL_PORTAL_DSTCODE": DSTCODE,
        "NATIONAL_PORTAL_TIMEOUT": 5,
    }
