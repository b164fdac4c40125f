"""The publicity register has no statutory period: duties run for their calendar year."""
