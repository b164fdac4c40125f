"""Named personas (architecture rule 9): a clerk and a head of department A, a clerk of
department B, office staff, a reconsideration officer, an auditor, an anonymous visitor."""

import contextlib
import importlib

import pytest
from django.apps import apps

from fazhi.core.models import DivisionLevel, Role, UnitKind
from fazhi.core.testing.factories import DivisionFactory, UnitFactory, UserFactory


def pytest_collection_modifyitems(config, items):
    # Import every app's tests/factories.py so isolation factories are registered.
    for app in apps.get_app_configs():
        if app.name.startswith("fazhi."):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{app.name}.tests.factories")


@pytest.fixture(autouse=True)
def _nothing_kept():
    """Each test starts with no figures kept from another test (`indicators.figure_cache`)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def district(db):
    province = DivisionFactory(code="430000", name="湖南省", level=DivisionLevel.PROVINCE)
    city = DivisionFactory(code="430400", name="衡阳市", level=DivisionLevel.CITY, parent=province)
    return DivisionFactory(code="430408", name="蒸湘区", level=DivisionLevel.DISTRICT, parent=city)


@pytest.fixture
def other_district(district):
    return DivisionFactory(
        code="430405", name="珠晖区", level=DivisionLevel.DISTRICT, parent=district.parent
    )


@pytest.fixture
def unit_a(district):
    return UnitFactory(name="蒸湘区人力资源和社会保障局", division=district)


@pytest.fixture
def unit_b(district):
    return UnitFactory(name="蒸湘区卫生健康局", division=district)


@pytest.fixture
def justice_bureau(district):
    return UnitFactory(name="蒸湘区司法局", division=district, is_justice_bureau=True)


@pytest.fixture
def office_unit(district, justice_bureau):
    return UnitFactory(
        name="蒸湘区依法治区办",
        division=district,
        kind=UnitKind.OTHER,
        parent=justice_bureau,
        is_rule_of_law_office=True,
    )


@pytest.fixture
def clerk_a(unit_a):
    return UserFactory(username="clerk_a", unit=unit_a, roles=[Role.CLERK])


@pytest.fixture
def head_a(unit_a):
    return UserFactory(username="head_a", unit=unit_a, roles=[Role.UNIT_HEAD])


@pytest.fixture
def clerk_b(unit_b):
    return UserFactory(username="clerk_b", unit=unit_b, roles=[Role.CLERK])


@pytest.fixture
def office_staff(office_unit):
    return UserFactory(username="office", unit=office_unit, roles=[Role.OFFICE_STAFF])


@pytest.fixture
def recon_officer(justice_bureau):
    return UserFactory(username="recon", unit=justice_bureau, roles=[Role.RECONSIDERATION_OFFICER])


@pytest.fixture
def auditor(district):
    unit = UnitFactory(name="蒸湘区人民政府", division=district, kind=UnitKind.GOVERNMENT)
    return UserFactory(username="auditadmin", unit=unit, roles=[Role.AUDIT_ADMIN])


@pytest.fixture
def verified_client(client):
    """Log a user in and mark the session two-factor verified (for roles that need OTP)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def login(user):
        client.force_login(user)
        if user.needs_otp:
            device = TOTPDevice.objects.create(user=user, name="测试", confirmed=True)
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        return client

    return login


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool({"transactional_db", "live_server"} & fixtures) or bool(
        marker is not None and marker.kwargs.get("transaction")
    )


@pytest.fixture(autouse=True)
def _reference_data_before_transactional(request):
    """Transactional tests (and the live server) start from tables the previous one flushed:
    put the working-day calendar (seeded by a data migration) back first."""
    if _is_transactional(request.node):
        request.getfixturevalue("transactional_db")
        _ensure_reference_data()


def _ensure_reference_data() -> None:
    """Rows seeded by data migrations that tests rely on: the working-day calendar and the
    assisted review's rules and repealed-law list."""
    from fazhi.deadlines.tests.factories import ensure_seeded_calendar
    from fazhi.review.tests.factories import ensure_assist_rules

    ensure_seeded_calendar()
    ensure_assist_rules()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush (the last step of its teardown), put the calendar
    back, so that the tests that follow on a reused database keep their working days."""
    result = yield
    if _is_transactional(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _ensure_reference_data()
    return result


# --- CI: a browser or PDF test that is skipped fails the run (FAZHI_REQUIRE_BROWSER=1) --------

TOOL_SKIP_WORDS = ("Chromium", "chromium", "LibreOffice", "soffice", "pdftoppm", "浏览器")


def _requires_tools() -> bool:
    import os

    return os.environ.get("FAZHI_REQUIRE_BROWSER", "") in {"1", "true", "yes"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (_requires_tools() and report.skipped):
        return
    reason = str(report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr)
    if any(word in reason for word in TOOL_SKIP_WORDS):
        report.outcome = "failed"
        report.longrepr = (
            f"FAZHI_REQUIRE_BROWSER=1：该测试因缺少浏览器或 PDF 工具被跳过，CI 视为失败。{reason}"
        )
