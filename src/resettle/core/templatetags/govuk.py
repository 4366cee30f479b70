"""Template helpers that render Django form fields as GOV.UK Design System components."""

from __future__ import annotations

from datetime import date

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils import timezone as tz
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from resettle.core import concurrency
from resettle.core.dates import age_on
from resettle.core.forms import GovukDateWidget

register = template.Library()


def _kind(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, GovukDateWidget):
        return "date"
    # CheckboxSelectMultiple is a subclass of RadioSelect, so it is asked about first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


def _date_parts(field: BoundField) -> dict[str, str]:
    if field.form.is_bound:
        raw = field.field.widget.value_from_datadict(field.form.data, None, field.html_name)
        day, month, year = ([*(raw or []), "", "", ""])[:3]
        return {"day": day or "", "month": month or "", "year": year or ""}
    value = field.value()
    if isinstance(value, date):
        return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
    return {"day": "", "month": "", "year": ""}


@register.inclusion_tag("includes/field.html")
def govuk_field(field: BoundField, label_size: str = "", width: str = "", classes: str = ""):
    kind = _kind(field)
    widget = field.field.widget
    context = {
        "field": field,
        "kind": kind,
        "id": field.id_for_label or f"id_{field.html_name}",
        "label_size": label_size,
        "width": width,
        "classes": classes,
        "errors": field.errors,
        "input_type": getattr(widget, "input_type", "text"),
        "attrs": widget.attrs,
        "value": field.value() if kind not in {"date"} else None,
        # A text area states its limit (the GOV.UK character count, which counts as you type
        # where JavaScript runs).
        "max_length": getattr(field.field, "max_length", None) if kind == "textarea" else None,
    }
    if context["max_length"]:
        context["max_length_shown"] = f"{context['max_length']:,}"
    # The form's "based on" (core/concurrency.py) travels with its first field, so an edit form
    # carries it without its template saying so.
    form = field.form
    if concurrency.FIELD in form.fields and not getattr(form, "_based_on_shown", False):
        form._based_on_shown = True
        context["based_on"] = form[concurrency.FIELD]
    if kind == "date":
        context["parts"] = _date_parts(field)
    if kind in {"radios", "select", "checkboxes"}:
        current = field.value()
        values = current if isinstance(current, list | tuple) else [current]
        selected = {"" if v is None else str(getattr(v, "pk", v)) for v in values}
        context["options"] = [
            {"value": str(value), "label": label, "checked": str(value) in selected}
            for value, label in field.field.choices
        ]
        grouped = any(isinstance(o["label"], list | tuple) for o in context["options"])
        if kind == "select" and not grouped:
            # Made here rather than in the template: a list of people can have hundreds of
            # options, each a loop turn, two lookups and a condition in the template language.
            context["options_html"] = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (o["value"], mark_safe(" selected") if o["checked"] else "", o["label"])
                    for o in context["options"]
                ),
            )
    return context


@register.inclusion_tag("includes/error_summary.html")
def govuk_error_summary(*forms_):
    items = []
    conflicts = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        conflicts.extend(getattr(form, "conflicts", []))
        for error in form.non_field_errors():
            items.append({"text": error, "href": None})
        for field in form:
            for error in field.errors:
                target = field.id_for_label or f"id_{field.html_name}"
                if _kind(field) == "date":
                    target = f"{field.html_name}_day"
                items.append({"text": error, "href": f"#{target}"})
    return {"items": items, "conflicts": conflicts}


@register.filter
def age(value: date | None) -> str:
    return "" if value is None else str(age_on(value))


@register.filter
def govuk_time(value) -> str:
    """A time in GOV.UK style: "9am", "8:17pm", "midday", "midnight" (local time)."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = tz.localtime(value)
    hour, minute = value.hour, value.minute
    if (hour, minute) == (12, 0):
        return str(_("midday"))
    if (hour, minute) == (0, 0):
        return str(_("midnight"))
    suffix = "am" if hour < 12 else "pm"
    hour12 = hour % 12 or 12
    return f"{hour12}{suffix}" if minute == 0 else f"{hour12}:{minute:02d}{suffix}"


@register.filter
def govuk_datetime(value) -> str:
    """A date and time in GOV.UK style: "4 March 2026, 8:17pm"."""
    if value is None:
        return ""
    local = tz.localtime(value) if getattr(value, "tzinfo", None) else value
    return f"{date_format(local, 'j F Y')}, {govuk_time(local)}"
