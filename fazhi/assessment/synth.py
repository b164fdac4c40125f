"""No synthetic data: one framework and one assessment per division and year (the demo loads the
sample)."""
