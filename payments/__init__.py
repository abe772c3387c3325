"""Fees owed, payments through gateway plugins, receipts, reconciliation (issue 14)."""
