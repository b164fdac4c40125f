"""工作台: nothing yet (the assessment is opened from its menu)."""
