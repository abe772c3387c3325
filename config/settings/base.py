"""MotCua settings, read from the environment with safe embedded defaults.

Every variable is documented in `.env.example`. The defaults run one commune on one machine:
SQLite, files on local disk, the database task queue and console e-mail/SMS.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_map(name: str) -> dict[str, str]:
    """`000.00.27.H01:file,000.00.28.H01:console` → {"000.00.27.H01": "file", …}."""
    pairs = {}
    for item in env_list(name):
        code, sep, value = item.rpartition(":")
        if not sep or not code.strip() or not value.strip():
            raise ImproperlyConfigured(
                f"{name}: write each entry as <agency code>:<key>, not {item!r}."
            )
        pairs[code.strip()] = value.strip()
    return pairs


DEBUG = env_bool("DEBUG", False)
# The embedded default key is only for a local trial; production settings refuse to start without
# a real one.
SECRET_KEY = env("SECRET_KEY", "insecure-local-only-key-change-me-in-any-real-deployment")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_NAME = env("SITE_NAME", "MotCua")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the API docs' Swagger UI, served from our static files
    "core",
    "org",
    "catalog",
    "citizens",
    "dossiers",
    "counter",
    "portal",
    "notifications",
    "accounts",
    "online",
    "payments",
    "feedback",
    "surveys",
    "postal",
    "disclosure",
    "reform",
    "inspection",
    "sync",
    "api",
    "digitised",
    "signing",
    "reports",
    "demo",
    "benchmarks",
]

MIDDLEWARE = [
    "core.metrics.MetricsMiddleware",  # first: its time includes every other middleware
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "core.middleware.RefuseMalformedTextMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "org.middleware.RequireVerifiedAdminMiddleware",
    "core.middleware.PrivateCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Counts public page views per day and page group, nothing about the visitor (reports.access).
    "reports.access.AccessCounterMiddleware",
    # Axes must come last: it turns a lockout signal into our 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "org.context_processors.staff",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
# SQLite by default: WAL lets readers work while one writer writes, and IMMEDIATE transactions
# take the write lock at BEGIN so two writers queue instead of failing half-way ("database is
# locked" on upgrade). DATABASE_URL=postgres://... switches to PostgreSQL (psycopg 3).
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Short queries only: PostgreSQL's JIT compiler spends more on compiling a search over a
        # commune's dossiers (~0.4 s) than the query takes to run.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "var" / "motcua.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": ("PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"

# --- Background tasks -----------------------------------------------------------------------------
# "database" (default) needs nothing else: run `manage.py db_worker`. "rq" uses Redis through
# django-tasks-rq: run `manage.py rqworker --job-class django_tasks_rq.Job`.
TASKS_BACKEND = env("TASKS_BACKEND", "database")
REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Cache -----------------------------------------------------------------------------------
# Rate limits count in the cache: with several app servers they must share one, so production
# (REDIS_URL set) uses Redis; one process on one machine can keep it in memory.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }

# --- Authentication and sessions ------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "core:login"
# Officers land on their day's work, everyone else on the overview (counter.views_today.start).
LOGIN_REDIRECT_URL = "counter:start"
LOGOUT_REDIRECT_URL = "org:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# R8: staff sessions end after 30 idle minutes and 12 hours after login, whichever comes first.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# R7: lock a (username, IP) pair after 10 failures for one hour; the owner can still log in from
# another address.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "core.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Reverse proxies in front of the app (nginx: 1). 0 trusts no X-Forwarded-For header. One rule
# for the lockout, rate limits and audit rows: core.network.client_ip.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "core.network.client_ip"

OTP_TOTP_ISSUER = SITE_NAME

# --- Security headers (R11) ---------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Requests larger than this are refused with 400 before a view sees them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# A scanned document attached to a dossier (PDF, JPEG, PNG, DOCX, XLSX).
DOSSIER_FILE_MAX_BYTES = env_int("DOSSIER_FILE_MAX_BYTES", 10 * 1024 * 1024)
# Public dossier lookups per client address and window (R6).
LOOKUP_RATE_LIMIT = env_int("LOOKUP_RATE_LIMIT", 30)
LOOKUP_RATE_WINDOW = env_int("LOOKUP_RATE_WINDOW", 60)
# REST API calls per key (or, without a key, per client address) and window (api.auth).
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 600)
API_RATE_WINDOW = env_int("API_RATE_WINDOW", 60)
# Wrong check values per client address and window: past it, lookups giving one are refused.
LOOKUP_CHECK_FAILURE_LIMIT = env_int("LOOKUP_CHECK_FAILURE_LIMIT", 10)
LOOKUP_CHECK_FAILURE_WINDOW = env_int("LOOKUP_CHECK_FAILURE_WINDOW", 60 * 60)
# Seconds a rendered lookup answer is kept in the cache (0: never). Every change to the dossier
# removes it at once, but only from a cache every process shares: on by default with Redis
# (REDIS_URL set), off with the per-process memory cache, where another gunicorn worker would
# keep showing the old state.
LOOKUP_CACHE_SECONDS = env_int("LOOKUP_CACHE_SECONDS", 60 if os.environ.get("REDIS_URL") else 0)
# Citizens' sign-in by one-time code (R23, accounts.services): codes per destination and per
# client address in a window, a code's lifetime and tries, wrong codes before a lockout; the
# citizen's session ends after CITIZEN_SESSION_IDLE seconds idle or CITIZEN_SESSION_MAX in all.
CITIZEN_CODE_PER_DESTINATION = env_int("CITIZEN_CODE_PER_DESTINATION", 3)
CITIZEN_CODE_PER_IP = env_int("CITIZEN_CODE_PER_IP", 10)
CITIZEN_CODE_WINDOW = env_int("CITIZEN_CODE_WINDOW", 15 * 60)
CITIZEN_CODE_TTL = env_int("CITIZEN_CODE_TTL", 5 * 60)
CITIZEN_CODE_ATTEMPTS = env_int("CITIZEN_CODE_ATTEMPTS", 5)
CITIZEN_CODE_FAILURES = env_int("CITIZEN_CODE_FAILURES", 10)
CITIZEN_CODE_FAILURES_PER_IP = env_int("CITIZEN_CODE_FAILURES_PER_IP", 30)
CITIZEN_CODE_FAILURE_WINDOW = env_int("CITIZEN_CODE_FAILURE_WINDOW", 60 * 60)
CITIZEN_SESSION_IDLE = env_int("CITIZEN_SESSION_IDLE", 30 * 60)
CITIZEN_SESSION_MAX = env_int("CITIZEN_SESSION_MAX", 12 * 60 * 60)

# --- Language, time ----------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "motcua_language"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
# Uploaded files live outside the web root and are served only through views that check access.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "access_key": env("S3_ACCESS_KEY"),
            "secret_key": env("S3_SECRET_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# --- E-mail and SMS ------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS on the plain port (587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # TLS from the first byte (465)
# Seconds an SMTP server may take to answer before the attempt fails and is retried later.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "motcua@localhost")
# Channels are plugins (notifications.channels): the key of each, and the agencies that differ.
EMAIL_PROVIDER = env("EMAIL_PROVIDER")  # "django" (EMAIL_BACKEND above, the default) or "smtp"
EMAIL_PROVIDER_BY_AGENCY = env_map("EMAIL_PROVIDER_BY_AGENCY")
SMS_PROVIDER = env("SMS_PROVIDER")  # "console" (default), "file", "http"
if env("SMS_BACKEND"):
    raise ImproperlyConfigured(
        "SMS_BACKEND is no longer read: set SMS_PROVIDER to console, file or http instead "
        "(see .env.example)."
    )
SMS_PROVIDER_BY_AGENCY = env_map("SMS_PROVIDER_BY_AGENCY")
# For applicants who chose Zalo: "console" (default) or "zns" (ZALO_ZNS_* below).
# Citizens' sign-in with VNeID over OpenID Connect (accounts.vneid): off unless the issuer is set.
VNEID_OIDC_ISSUER = env("VNEID_OIDC_ISSUER")
VNEID_CLIENT_ID = env("VNEID_CLIENT_ID")
VNEID_CLIENT_SECRET = env("VNEID_CLIENT_SECRET")
VNEID_SCOPES = env("VNEID_SCOPES", "openid profile")
VNEID_TIMEOUT = env_int("VNEID_TIMEOUT", 10)
VNEID_CLAIM_ID_NUMBER = env("VNEID_CLAIM_ID_NUMBER", "citizen_id")
VNEID_CLAIM_NAME = env("VNEID_CLAIM_NAME", "name")
VNEID_CLAIM_BIRTH_DATE = env("VNEID_CLAIM_BIRTH_DATE", "birthdate")
VNEID_CLAIM_GENDER = env("VNEID_CLAIM_GENDER", "gender")
ZALO_PROVIDER = env("ZALO_PROVIDER")
ZALO_PROVIDER_BY_AGENCY = env_map("ZALO_PROVIDER_BY_AGENCY")
# Postal carriers are plugins (postal.carriers): "demo" (default, offline).
POSTAL_CARRIER = env("POSTAL_CARRIER")
POSTAL_CARRIER_BY_AGENCY = env_map("POSTAL_CARRIER_BY_AGENCY")
# VNPost through the province's LGSP (postal/carriers/vnpost.py, docs/postal.md).
VNPOST_URL = env("VNPOST_URL")
VNPOST_TOKEN_URL = env("VNPOST_TOKEN_URL")
VNPOST_CONSUMER_KEY = env("VNPOST_CONSUMER_KEY")
VNPOST_CONSUMER_SECRET = env("VNPOST_CONSUMER_SECRET")
VNPOST_CUSTOMER_CODE = env("VNPOST_CUSTOMER_CODE")
VNPOST_CALLBACK_SECRET = env("VNPOST_CALLBACK_SECRET")
VNPOST_TIMEOUT = env_int("VNPOST_TIMEOUT", 10)
SMS_FILE_PATH = Path(env("SMS_FILE_PATH", str(BASE_DIR / "var" / "sms")))
SMS_HTTP_URL = env("SMS_HTTP_URL")
SMS_HTTP_TOKEN = env("SMS_HTTP_TOKEN")
SMS_HTTP_BRANDNAME = env("SMS_HTTP_BRANDNAME")
SMS_HTTP_TIMEOUT = env_int("SMS_HTTP_TIMEOUT", 10)
# Fee receipts (payments/ereceipts.py): the e-receipt provider, "demo" (default) keeps them here.
ERECEIPT_PROVIDER = env("ERECEIPT_PROVIDER")
ERECEIPT_PROVIDER_BY_AGENCY = env_map("ERECEIPT_PROVIDER_BY_AGENCY")
# Online payment (payments/gateways): "demo" (default) or "vnpay"; VNPay's merchant terminal
# code and hash secret as VNPay issues them, its pay page and its query API (sandbox default).
PAYMENT_GATEWAY = env("PAYMENT_GATEWAY")
PAYMENT_GATEWAY_BY_AGENCY = env_map("PAYMENT_GATEWAY_BY_AGENCY")
VNPAY_TMN_CODE = env("VNPAY_TMN_CODE")
VNPAY_HASH_SECRET = env("VNPAY_HASH_SECRET")
VNPAY_PAY_URL = env("VNPAY_PAY_URL", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html")
VNPAY_API_URL = env("VNPAY_API_URL", "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction")
# The national public-service portal's payment platform (payments.gateways.dvcqg): no public
# address; the message constants as "<name>:<value>,…" (init_type, status_type, version,
# payment_type, channel, device, language, currency, bank), given by the portal's operator.
DVCQG_PP_PARTNER_CODE = env("DVCQG_PP_PARTNER_CODE")
DVCQG_PP_SECRET = env("DVCQG_PP_SECRET")
DVCQG_PP_INIT_URL = env("DVCQG_PP_INIT_URL")
DVCQG_PP_STATUS_URL = env("DVCQG_PP_STATUS_URL")
DVCQG_PP_CONSTANTS = env_map("DVCQG_PP_CONSTANTS")

# --- National portal sync (sync app; docs/national-portal-sync.md) -----------------------------
NATIONAL_PORTAL = env("NATIONAL_PORTAL")  # "demo" (default, offline), "dvcqg"
NATIONAL_PORTAL_BY_AGENCY = env_map("NATIONAL_PORTAL_BY_AGENCY")
NATIONAL_PORTAL_URL = env("NATIONAL_PORTAL_URL")  # the adapter's base address
NATIONAL_PORTAL_AUTH_PATH = env("NATIONAL_PORTAL_AUTH_PATH", "/login")
NATIONAL_PORTAL_SERVICE_PATH = env("NATIONAL_PORTAL_SERVICE_PATH", "/service")
NATIONAL_PORTAL_USERNAME = env("NATIONAL_PORTAL_USERNAME")
NATIONAL_PORTAL_PASSWORD = env("NATIONAL_PORTAL_PASSWORD")
NATIONAL_PORTAL_DSTCODE = env("NATIONAL_PORTAL_DSTCODE")
NATIONAL_PORTAL_UNIT = env("NATIONAL_PORTAL_UNIT")  # madonvi; empty: the agency's code
NATIONAL_PORTAL_TIMEOUT = env_int("NATIONAL_PORTAL_TIMEOUT", 6)
# Seconds after which a worker's claim counts as abandoned (the worker died): longer than a
# batch's calls can take (three calls of NATIONAL_PORTAL_TIMEOUT, plus the look-ups).
SYNC_CLAIM_TIMEOUT = env_int("SYNC_CLAIM_TIMEOUT", 300)
# SMS_PROVIDER=viettel: Viettel's brandname web service (SOAP wsCpMt), account from the contract.
SMS_VIETTEL_URL = env("SMS_VIETTEL_URL")
SMS_VIETTEL_USER = env("SMS_VIETTEL_USER")
SMS_VIETTEL_PASSWORD = env("SMS_VIETTEL_PASSWORD")
SMS_VIETTEL_CPCODE = env("SMS_VIETTEL_CPCODE")
SMS_VIETTEL_BRANDNAME = env("SMS_VIETTEL_BRANDNAME")
# SMS_PROVIDER=zalo-zns: the OA's approved ZNS template, its one text parameter carrying the text.
ZALO_ZNS_URL = env("ZALO_ZNS_URL", "https://business.openapi.zalo.me/message/template")
ZALO_OA_ACCESS_TOKEN = env("ZALO_OA_ACCESS_TOKEN")
ZALO_ZNS_TEMPLATE_ID = env("ZALO_ZNS_TEMPLATE_ID")
ZALO_ZNS_TEXT_PARAM = env("ZALO_ZNS_TEXT_PARAM", "noi_dung")

# --- Digital signatures (signing; docs/decisions/0019) -----------------------------------------
# Who signs results and letters: "demo" (a demo CA made at set-up, no legal value; refused when
# SIGNING_DEMO_ALLOWED is off, as in production), "pkcs12" (a file) or "pkcs11" (a token/HSM).
SIGNING_PROVIDER = env("SIGNING_PROVIDER")
SIGNING_PROVIDER_BY_AGENCY = env_map("SIGNING_PROVIDER_BY_AGENCY")
SIGNING_DEMO_ALLOWED = env_bool("SIGNING_DEMO_ALLOWED", True)
SIGNING_DEMO_DIR = Path(env("SIGNING_DEMO_DIR", str(BASE_DIR / "var" / "signing-demo")))
SIGNING_PKCS12_PATH = env("SIGNING_PKCS12_PATH")
SIGNING_PKCS12_PASSPHRASE = env("SIGNING_PKCS12_PASSPHRASE")
SIGNING_PKCS11_LIB = env("SIGNING_PKCS11_LIB")  # e.g. /usr/lib/softhsm/libsofthsm2.so
SIGNING_PKCS11_TOKEN = env("SIGNING_PKCS11_TOKEN")  # the token's label
SIGNING_PKCS11_PIN = env("SIGNING_PKCS11_PIN")
SIGNING_PKCS11_KEY_LABEL = env("SIGNING_PKCS11_KEY_LABEL")  # the key's and certificate's label
# An RFC 3161 timestamp server: signatures are then PAdES B-T instead of B-B.
SIGNING_TSA_URL = env("SIGNING_TSA_URL")
SIGNING_TSA_TIMEOUT = env_int("SIGNING_TSA_TIMEOUT", 10)
# The roots signed PDFs are validated against (PEM files, comma-separated): the VGCA / NEAC
# roots in production. The demo CA is added while the demo signer is allowed.
SIGNING_TRUST_ROOTS = env_list("SIGNING_TRUST_ROOTS")
# Fetch CRLs and OCSP answers named in certificates when validating (off on a closed network).
SIGNING_FETCH_REVOCATION = env_bool("SIGNING_FETCH_REVOCATION", True)

# --- Audit checkpoints (docs/decisions/0009): daily, also kept outside the database ----------
# /metrics: with a token, Prometheus sends it as a bearer token; without, this machine only.
METRICS_TOKEN = env("METRICS_TOKEN")
AUDIT_CHECKPOINT_FILE = Path(
    env("AUDIT_CHECKPOINT_FILE", str(BASE_DIR / "var" / "audit-checkpoints.log"))
)
# The inspection team's addresses, comma-separated; each checkpoint is e-mailed to them.
AUDIT_CHECKPOINT_RECIPIENTS = env_list("AUDIT_CHECKPOINT_RECIPIENTS", "thanhtra@localhost")

# --- Logging (R17: no ID numbers or phone numbers in logs) ----------------------------------
LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_personal_data": {"()": "core.logging.RedactPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # WeasyPrint reports every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Feedback (phản ánh, kiến nghị). Working days to answer an item within the agency's
# competence, counted from receipt [ours: Decree 20/2008 leaves the term to each agency's rules;
# 10 working days is common practice, unconfirmed].
FEEDBACK_ANSWER_DAYS = env_int("FEEDBACK_ANSWER_DAYS", 10)
# The public feedback form: submissions per client address, and per phone number / e-mail, per
# window (seconds).
FEEDBACK_IP_LIMIT = env_int("FEEDBACK_IP_LIMIT", 5)
FEEDBACK_CONTACT_LIMIT = env_int("FEEDBACK_CONTACT_LIMIT", 3)
FEEDBACK_RATE_WINDOW = env_int("FEEDBACK_RATE_WINDOW", 60 * 60)
# Comments on a draft for public comment: per client address, and per contact, per window
# (seconds). Comments are held for moderation anyway; the limit keeps the queue readable.
DRAFT_COMMENT_IP_LIMIT = env_int("DRAFT_COMMENT_IP_LIMIT", 5)
DRAFT_COMMENT_CONTACT_LIMIT = env_int("DRAFT_COMMENT_CONTACT_LIMIT", 3)
DRAFT_COMMENT_WINDOW = env_int("DRAFT_COMMENT_WINDOW", 60 * 60)

# --- REST API (api app, docs/api.md) ----------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.auth.HasApiKey", "api.auth.KeyMayWrite"],
    "DEFAULT_THROTTLE_CLASSES": ["api.auth.ClientThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "MotCua API",
    "DESCRIPTION": (
        "The public catalogue and dossier lookup, and for an agency's systems its dossiers, "
        "documents, fees and payments, and feedback. Errors are JSON with a stable `code` and a "
        "Vietnamese `message`. See docs/api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
}
