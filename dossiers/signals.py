"""Signals the dossier services send after commit, for apps that must react to a change without
`dossiers` importing them."""

from django.dispatch import Signal

# Sent after the transaction that changed a dossier commits; keyword argument `code`.
dossier_changed = Signal()
