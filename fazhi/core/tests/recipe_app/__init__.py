"""A throwaway register built from docs/adding-a-register.md alone (fazhi/core/tests/test_recipe.py
installs it for one test): a permit that a unit registers, imports and approves."""
