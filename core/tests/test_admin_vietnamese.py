"""Django's admin in Vietnamese: the strings Django, django-axes, django-otp and django-tasks-db
leave in English are given Vietnamese names by the project, and no list offers "---------"."""

import importlib
import inspect

import pytest
from django import forms
from django.contrib import admin
from django.utils import translation

from conftest import login_verified

ENGLISH_SEEN_BEFORE = (
    "Model name",
    "Access attempts",
    "TOTP devices",
    "Task Results",
    "Toggle theme",
    "Show counts",
    "Identity",
    "Throttling",
    "The human-readable name of this device.",
)


@pytest.fixture
def admin_client(client, cast):
    return login_verified(client, cast.sam)


def _pages():
    yield "/quan-tri/"
    for model in admin.site._registry:
        base = f"/quan-tri/{model._meta.app_label}/{model._meta.model_name}/"
        yield base
        yield base + "add/"


@pytest.mark.django_db
def test_every_admin_page_speaks_vietnamese(admin_client, cast):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=cast.sam).first()
    pages = [*_pages(), f"/quan-tri/otp_totp/totpdevice/{device.pk}/change/"]
    shown = 0
    for url in pages:
        response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
        if response.status_code == 403:  # read-only models have no add page
            continue
        assert response.status_code == 200, url
        body = response.content.decode()
        english = [text for text in ENGLISH_SEEN_BEFORE if text in body]
        assert not english, f"{url} shows {english}"
        shown += 1
    assert shown > 15
    index = admin_client.get("/quan-tri/").content.decode()
    for vietnamese in (
        "Khóa đăng nhập",
        "Các lần thử đăng nhập",
        "Ứng dụng xác thực (TOTP)",
        "Kết quả tác vụ nền",
    ):
        assert vietnamese in index


def test_english_stays_available():
    with translation.override("en"):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        assert str(TOTPDevice._meta.verbose_name_plural) == "TOTP devices"


PROJECT_FORM_MODULES = (
    "catalog.forms_staff",
    "catalog.forms_eform",
    "counter.forms",
    "counter.forms_reception",
    "counter.forms_guidance",
    "dossiers.forms",
    "dossiers.views_forms",
    "dossiers.views_messages",
    "org.forms",
)


def _first_labels(field):
    if isinstance(field, forms.ModelChoiceField):
        return [str(field.empty_label or "")]
    choices = getattr(field, "choices", None)
    if choices is None:
        return []
    return [str(label) for _value, label in list(choices)[:1]]


@pytest.mark.django_db
def test_no_project_list_offers_dashes():
    with translation.override("vi"):
        dashed = []
        for name in PROJECT_FORM_MODULES:
            module = importlib.import_module(name)
            for form_name, form in vars(module).items():
                if not (inspect.isclass(form) and issubclass(form, forms.BaseForm)):
                    continue
                if form.__module__ != module.__name__:
                    continue
                for field_name, field in form.base_fields.items():
                    if any("-----" in label for label in _first_labels(field)):
                        dashed.append(f"{name}.{form_name}.{field_name}")
    assert not dashed
