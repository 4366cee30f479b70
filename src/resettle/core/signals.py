"""Signals every layer may send, so that apps higher up can keep what they derive up to date.

`child_record_changed(sender=<model>, child=<Child>, what=<str>)`: sent by a service, inside its
transaction, after it changed something in a child's record that other parts read as a fact
(docs/domain.md, section 8): "voice", "plan", "meeting", "event", "note", "release",
"legal_status". Receivers (listed in docs/development.md) run in the same transaction, so what
they derive is saved, or not, with the change itself.
"""

from django.dispatch import Signal

child_record_changed = Signal()


def announce(sender, child, what: str) -> None:
    """Tell the apps that derive facts from a child's record that it changed."""
    child_record_changed.send(sender=sender, child=child, what=what)
