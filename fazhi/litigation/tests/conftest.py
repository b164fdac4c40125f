import pytest

from fazhi.core.models import Role
from fazhi.core.testing.factories import UserFactory


@pytest.fixture
def recon_head(justice_bureau):
    """The 行政复议机构的负责人: a unit head of the justice bureau."""
    return UserFactory(
        username="recon_head",
        full_name="刘建国",
        title="行政复议与应诉股负责人",
        unit=justice_bureau,
        roles=[Role.UNIT_HEAD],
    )


@pytest.fixture
def second_officer(justice_bureau):
    return UserFactory(
        username="recon2",
        full_name="黄敏",
        unit=justice_bureau,
        roles=[Role.RECONSIDERATION_OFFICER],
    )
