"""The shape of the code (docs/development.md): layers that import only downward, the child
resolved once, records that cannot be read without saying which child, one service signature."""

from __future__ import annotations

import ast
import inspect
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from resettle.core.scoping import ChildScopedManager, UnscopedQuery

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "resettle"


def _modules():
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _is_app_ready(node: ast.FunctionDef, parents: dict) -> bool:
    """AppConfig.ready(): Django's place for connecting receivers and registries."""
    owner = parents.get(node)
    return (
        node.name == "ready"
        and isinstance(owner, ast.ClassDef)
        and any(getattr(base, "id", "") == "AppConfig" for base in owner.bases)
    )


def test_no_module_imports_inside_a_function_to_dodge_a_cycle():
    found = []
    for path, tree in _modules():
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if _is_app_ready(node, parents):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno} in {node.name}()")
    assert not found, "Import at the top of the module instead:\n" + "\n".join(found)


@pytest.mark.skipif(
    shutil.which("lint-imports", path=os.path.dirname(sys.executable)) is None,
    reason="import-linter is installed by `make install-test`",
)
def test_the_layers_import_only_downward():
    """The same check as `make lint`: import-linter's layers contract in pyproject.toml."""
    result = subprocess.run(  # noqa: S603 - our own tool, our own arguments
        [os.path.join(os.path.dirname(sys.executable), "lint-imports"), "--no-cache"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Layers import only downward KEPT" in result.stdout


def test_no_view_module_has_its_own_child_helper():
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name in {"_child", "_contributing_child"}
    ]
    assert not offenders


def test_the_child_prefix_is_written_once():
    written = [
        str(path.relative_to(ROOT))
        for path in SOURCE.rglob("*.py")
        for _ in re.finditer(r"children/<uuid:public_id>/", path.read_text(encoding="utf-8"))
    ]
    assert written == ["src/resettle/urls.py"]


def _child_patterns(patterns, inside=False):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            here = inside or "<uuid:public_id>" in str(entry.pattern)
            yield from _child_patterns(entry.url_patterns, here)
        elif isinstance(entry, URLPattern) and inside:
            yield entry


def test_every_page_about_one_child_is_resolved_by_child_page():
    patterns = list(_child_patterns(get_resolver().url_patterns))
    assert len(patterns) > 40
    missing = [p.name for p in patterns if not hasattr(p.callback, "child_page")]
    assert not missing, f"Wrap these views in children.pages.child_page: {missing}"


def test_no_service_takes_a_request():
    found = []
    for path, tree in _modules():
        if path.name != "services.py":
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.args + node.args.kwonlyargs]
                if "request" in names or any("Request" in ast.unparse(a) for a in node.args.args):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert not found, "Services take an Actor (resettle.audit.actors), never a request: " + str(
        found
    )


# Records that belong to a child through another record (a plan, an action, a setback).
THROUGH_ANOTHER = {
    "plans.Goal",
    "plans.Need",
    "plans.PlanAction",
    "plans.Agreement",
    "plans.Contingency",
    "journey.SetbackResponse",
}


def _belongs_to_a_child(model) -> bool:
    if model._meta.app_label == "audit" or "Historical" in model.__name__:
        return False  # the trail outlives the record; history is read through its record
    if model._meta.label in THROUGH_ANOTHER:
        return True
    return any(
        (f.many_to_one or f.one_to_one) and f.related_model._meta.label == "children.Child"
        for f in model._meta.get_fields()
        if f.concrete and f.related_model is not None
    )


def test_records_that_belong_to_a_child_fail_closed():
    models = [m for m in apps.get_models() if _belongs_to_a_child(m)]
    assert len(models) >= 20
    for model in models:
        assert isinstance(model.objects, ChildScopedManager), model
        assert model._default_manager is model.across_children, model
        with pytest.raises(UnscopedQuery):
            list(model.objects.all())


@pytest.mark.django_db
def test_a_query_that_says_which_child_runs(camden_child):
    from resettle.voice.models import VoiceEntry

    assert list(VoiceEntry.objects.for_child(camden_child)) == []
    assert VoiceEntry.objects.filter(child=camden_child).count() == 0
    assert not VoiceEntry.across_children.exists()
    with pytest.raises(UnscopedQuery):
        VoiceEntry.objects.filter(recorded_on__isnull=False).exists()


def test_services_take_the_actor_first():
    from resettle.access import services as access
    from resettle.children import services as children
    from resettle.directory import services as directory
    from resettle.journey import services as journey
    from resettle.knowledge import services as knowledge
    from resettle.network import services as network
    from resettle.notes import services as notes
    from resettle.plans import services as plans
    from resettle.quality import services as quality
    from resettle.referrals import services as referrals
    from resettle.release import services as release
    from resettle.voice import services as voice

    verbs = {
        access: ["share_child", "revoke_share", "restrict_child", "request_transfer"],
        children: ["add_child", "change_child", "record_legal_status"],
        directory: ["add_service", "change_service", "propose_change", "accept_proposal"],
        knowledge: ["save_article", "move_article", "add_release_note"],
        journey: ["record_meeting", "record_event", "respond_to_setback", "complete_touchpoint"],
        network: ["save_network_entry"],
        notes: ["add_note"],
        plans: [
            "set_vision",
            "add_goal",
            "add_action",
            "change_action",
            "agree_plan",
            "record_progress",
            "change_progress",
        ],
        quality: ["record_audit"],
        referrals: ["refer", "accept", "decline", "complete", "withdraw"],
        release: ["save_release_plan"],
        voice: ["record_voice", "change_voice"],
    }
    for module, names in verbs.items():
        for name in names:
            first = next(iter(inspect.signature(getattr(module, name)).parameters))
            assert first == "actor", f"{module.__name__}.{name}"


def test_records_are_chosen_through_the_fields_that_refuse_impossible_ids():
    """`core.forms.ModelChoiceField` and `ModelMultipleChoiceField`: a number too big for a key
    is "not one of the choices", never a database error (SQLite raises on one)."""
    offenders = [
        str(path.relative_to(SOURCE))
        for path, tree in _modules()
        if path.name != "forms.py" or path.parent.name != "core"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in {"ModelChoiceField", "ModelMultipleChoiceField"}
        and getattr(node.value, "id", "") == "forms"
    ]
    assert not offenders, f"Use resettle.core.forms' choice fields in: {sorted(set(offenders))}"
