import pytest

from fazhi.advisors.tests.chain import (  # noqa: F401
    _reviewing_body,
    advisor,
    advisor_user,
    government,
    reviewer,
)
from fazhi.review.tests.factories import ensure_assist_rules


@pytest.fixture(autouse=True)
def _assist_rules(request):
    """The assisted review's rules come from a data migration; a transactional test run before
    (a browser test) flushes them. Put them back for the tests that read the database."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        ensure_assist_rules()
