"""What the children app announces, for apps above it to react to (see docs/development.md).

`legal_status_recorded(sender=LegalStatusEpisode, episode=..., actor=...)`: sent inside the
transaction that records a new legal status, after it is saved. The journey starts the new
status's touchpoints from it.
"""

from django.dispatch import Signal

legal_status_recorded = Signal()
