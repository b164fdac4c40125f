"""Password rules beyond Django's own (security.md A2; MLPS 8.1.4.1 a)."""

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

CONTEXT_WORDS = ("zhengxiang", "hengyang", "fazhi", "sifaju", "zhengfu")


class CharacterClassValidator:
    """At least three of: upper case, lower case, digits, other characters (incl. Chinese)."""

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isascii() or not c.isalnum() for c in password),
        ]
        if sum(classes) < 3:
            raise ValidationError(
                "密码须包含大写字母、小写字母、数字、其他字符中的至少三类。",
                code="password_classes",
            )

    def get_help_text(self) -> str:
        return "密码须包含大写字母、小写字母、数字、其他字符中的至少三类。"


class ContextWordValidator:
    """No district, platform or unit name inside the password."""

    def validate(self, password: str, user=None) -> None:
        lowered = password.lower()
        words = list(CONTEXT_WORDS)
        if user is not None and getattr(user, "unit_id", None):
            words += [user.unit.name, user.unit.short_name]
        if user is not None and getattr(user, "username", ""):
            words.append(user.username.lower())
        for word in filter(None, words):
            if len(word) >= 2 and word.lower() in lowered:
                raise ValidationError(
                    "密码不得包含单位名称、地名或用户名。", code="password_context"
                )

    def get_help_text(self) -> str:
        return "密码不得包含单位名称、地名或用户名。"


class PasswordHistoryValidator:
    """The last five passwords may not be reused."""

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        recent = user.password_history.all()[: settings.PASSWORD_HISTORY_DEPTH]
        if any(check_password(password, entry.password) for entry in recent):
            raise ValidationError(
                f"不得重复使用最近{settings.PASSWORD_HISTORY_DEPTH}次用过的密码。",
                code="password_reused",
            )

    def password_changed(self, password: str, user=None) -> None:
        from django.utils import timezone

        if user is None or user.pk is None:
            return
        user.password_history.create(password=user.password)
        if user.must_change_password:
            user.must_change_password = False
        user.password_changed_at = timezone.now()
        type(user).objects.filter(pk=user.pk).update(
            password_changed_at=user.password_changed_at, must_change_password=False
        )

    def get_help_text(self) -> str:
        return f"不得重复使用最近{settings.PASSWORD_HISTORY_DEPTH}次用过的密码。"
