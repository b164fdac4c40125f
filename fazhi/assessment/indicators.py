"""No indicator of its own: the assessment reads the indicators and compliance checks of the
registers (selectors.py) as evidence."""
