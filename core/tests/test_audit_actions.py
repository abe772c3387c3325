"""Every audit action code the project records has a label for the audit log page."""

import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

from core.audit_actions import ACTION_LABELS, action_choices

LITERAL = re.compile(r"""(?:\baction=|\b_audit\(\s*)"([a-z][a-z0-9_]*)\"""")
SKIP = {".venv", "node_modules", "tests", "migrations", "benchmarks"}


def test_every_recorded_action_code_has_a_label():
    unlabelled = {}
    for path in Path(settings.BASE_DIR).rglob("*.py"):
        if SKIP & set(path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        if "audit_record" not in text:
            continue
        for code in LITERAL.findall(text):
            if code not in ACTION_LABELS:
                unlabelled.setdefault(code, str(path.relative_to(settings.BASE_DIR)))
    assert unlabelled == {}


def test_the_workflow_steps_have_labels():
    from dossiers.workflow import Action

    assert {f"dossier_{action}" for action in Action.values} <= set(ACTION_LABELS)


def test_the_choices_are_sorted_by_label():
    with translation.override("en"):
        labels = [label for _, label in action_choices()]
    assert len(labels) == len(ACTION_LABELS)
    assert labels.index("Log in") < labels.index("Log out")
