"""A published and an unpublished annual report, a published and a drafting catalog
(built in fazhi/portal/tests/factories.py, also used by e2e/test_portal.py)."""

import pytest

from fazhi.portal.tests.factories import published_records


@pytest.fixture
def published(unit_a, unit_b):
    return published_records(unit_a, unit_b)
