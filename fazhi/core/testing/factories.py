import factory
from django.utils import timezone

from fazhi.core.models import Division, DivisionLevel, Role, Unit, UnitKind, User

TEST_PASSWORD = "Test#Passw0rd-Long"  # noqa: S105


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"43{n:04d}")
    name = factory.Sequence(lambda n: f"区划{n}")
    level = DivisionLevel.DISTRICT


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = UnitKind.DEPARTMENT
    division = factory.SubFactory(DivisionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    unit = factory.SubFactory(UnitFactory)
    roles = factory.LazyFunction(lambda: [Role.CLERK])
    is_staff = True
    password_changed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        if extracted:
            self.set_password(extracted)
        else:
            self.password = _test_password_hash()  # argon2 once per run, not once per user
        if create:
            self.save()


_hash_cache: list[str] = []


def _test_password_hash() -> str:
    from django.contrib.auth.hashers import make_password

    if not _hash_cache:
        _hash_cache.append(make_password(TEST_PASSWORD))
    return _hash_cache[0]
