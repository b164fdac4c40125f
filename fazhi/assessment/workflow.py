"""No step table: scores are entered per third-level indicator (services.py); the review is the office's."""
