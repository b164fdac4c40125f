"""Tokens for the API tests: one per unit, every scope, valid for a year."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fazhi.api.models import RECONSIDERATION_SCOPES, Scope
from fazhi.api.tokens import token_issue

ALL_SCOPES = list(Scope.values)


def issue(unit, *, scopes=None, days=365, name="测试系统", rate_limit=None):
    """Every scope the unit may hold unless `scopes` is given (writing reconsideration
    applications is for the justice bureau's token only)."""
    if scopes is None:
        scopes = [
            s for s in ALL_SCOPES if unit.is_justice_bureau or s not in RECONSIDERATION_SCOPES
        ]
    return token_issue(
        actor=None,
        name=name,
        unit=unit,
        scopes=scopes,
        expires_at=timezone.now() + timedelta(days=days),
        rate_limit=rate_limit,
    )


@pytest.fixture
def token_a(unit_a):
    return issue(unit_a, name="甲系统")


@pytest.fixture
def token_b(unit_b):
    return issue(unit_b, name="乙系统")


@pytest.fixture
def api_a(client, token_a):
    """A client that sends unit A's token."""
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_a[1]}"
    return client
