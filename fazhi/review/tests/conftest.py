from fazhi.advisors.tests.chain import (  # noqa: F401
    _reviewing_body,
    advisor,
    advisor_user,
    government,
    reviewer,
)
