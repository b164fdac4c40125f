"""Security labels (security.md B4): a 敏感 row is invisible to a same-unit user without the
clearance; label changes and views of sensitive data are audited."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models

from fazhi.core.access import UnitScopedQuerySet
from fazhi.core.models import AccessEvent, AccessEventKind, Role
from fazhi.core.sensitivity import (
    Sensitivity,
    SensitivityField,
    SensitivityQuerySetMixin,
    record_sensitive_view,
    set_sensitivity,
)
from fazhi.core.testing.factories import UserFactory


class SubjectQuerySet(SensitivityQuerySetMixin, UnitScopedQuerySet):
    unit_lookup = "owner_unit"


class Subject(models.Model):
    """A throw-away table for these tests only (not named `unit`, so the isolation walk skips it)."""

    owner_unit = models.ForeignKey("core.Unit", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("姓名", max_length=32)
    sensitivity = SensitivityField()

    objects = SubjectQuerySet.as_manager()

    class Meta:
        app_label = "core"
        managed = False

    def __str__(self) -> str:
        return self.name


@pytest.fixture
def subjects(db, unit_a, unit_b):
    with connection.schema_editor() as editor:
        editor.create_model(Subject)
    Subject._meta.managed = True
    yield {
        "plain": Subject.objects.create(owner_unit=unit_a, name="一般对象"),
        "sensitive": Subject.objects.create(
            owner_unit=unit_a, name="敏感对象", sensitivity=Sensitivity.SENSITIVE
        ),
        "minor": Subject.objects.create(
            owner_unit=unit_a, name="未成年对象", sensitivity=Sensitivity.MINOR
        ),
        "other_unit": Subject.objects.create(
            owner_unit=unit_b, name="乙单位敏感对象", sensitivity=Sensitivity.SENSITIVE
        ),
    }
    Subject._meta.managed = False  # the test's transaction rollback drops the table


def names(user):
    return set(Subject.objects.for_user(user).values_list("name", flat=True))


def test_same_unit_user_without_clearance_sees_only_general_rows(subjects, clerk_a):
    assert names(clerk_a) == {"一般对象"}


def test_clearance_opens_exactly_its_label_and_never_another_unit(subjects, unit_a):
    cleared = UserFactory(unit=unit_a, roles=[Role.CLERK], clearances=[Sensitivity.SENSITIVE])
    assert names(cleared) == {"一般对象", "敏感对象"}
    both = UserFactory(
        unit=unit_a, roles=[Role.CLERK], clearances=[Sensitivity.SENSITIVE, Sensitivity.MINOR]
    )
    assert names(both) == {"一般对象", "敏感对象", "未成年对象"}


def test_a_disabled_user_sees_nothing(subjects, unit_a):
    cleared = UserFactory(
        unit=unit_a, roles=[Role.CLERK], clearances=[Sensitivity.SENSITIVE], is_active=False
    )
    assert names(cleared) == set()


def test_label_change_is_audited_and_needs_clearance(subjects, unit_a, clerk_a):
    cleared = UserFactory(unit=unit_a, roles=[Role.CLERK], clearances=[Sensitivity.SENSITIVE])
    subject = subjects["plain"]
    with pytest.raises(ValidationError, match="授权"):
        set_sensitivity(actor=clerk_a, obj=subject, label=Sensitivity.SENSITIVE)
    set_sensitivity(actor=cleared, obj=subject, label=Sensitivity.SENSITIVE, reason="列为敏感")
    assert names(clerk_a) == set()
    event = AccessEvent.objects.get(kind=AccessEventKind.LABEL_CHANGED)
    assert (event.username, event.object_id) == (cleared.username, str(subject.pk))
    assert event.detail == {"before": "一般", "after": "敏感", "reason": "列为敏感"}


def test_each_view_of_sensitive_fields_writes_one_event(subjects, rf, unit_a):
    cleared = UserFactory(unit=unit_a, roles=[Role.CLERK], clearances=[Sensitivity.SENSITIVE])
    request = rf.get("/")
    request.user = cleared
    record_sensitive_view(request, subjects["sensitive"], ["name"])
    record_sensitive_view(request, subjects["sensitive"], ["name"])
    events = AccessEvent.objects.filter(kind=AccessEventKind.SENSITIVE_VIEW)
    assert events.count() == 2
    assert events.first().detail == {"fields": ["姓名"]}
