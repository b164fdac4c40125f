"""No Excel import: a lawsuit is registered one by one from the court's papers (起诉状副本, 应诉通知书),
and the reconsideration 台账 (`fazhi/reconsideration/imports.py`) carries no lawsuits."""
