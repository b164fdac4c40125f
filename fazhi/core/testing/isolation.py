"""Registry for the generic isolation walk (security.md B1).

Every unit-owned model must register a factory here (in its app's tests/factories.py)
that builds one saved instance for a given unit. The walk in core/tests/test_isolation.py
fails for a unit-owned model without one, so a new register cannot skip the check.
"""

from collections.abc import Callable

_factories: dict[str, Callable] = {}


def isolation_factory(model_label: str):
    def register(func: Callable) -> Callable:
        _factories[model_label] = func
        return func

    return register


def factory_for(model) -> Callable | None:
    return _factories.get(model._meta.label)
