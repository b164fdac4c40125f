"""Meetings are recorded through the admin, not imported: no Excel ledger exists for them."""
