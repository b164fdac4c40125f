"""Test helpers shared by every app: personas, factories, and the isolation-walk registry."""
