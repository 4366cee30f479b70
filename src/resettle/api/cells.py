"""CSV cells that a spreadsheet would run as a formula get a leading apostrophe (as the audit
trail's export does: web/audit_pages.py)."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text
