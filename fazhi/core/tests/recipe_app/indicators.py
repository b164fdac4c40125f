from fazhi.core.tests.recipe_app.models import Permit, PermitState
from fazhi.indicators.registry import computed


@computed(
    code="recipe_app.approved",
    name="批准示例许可",
    domain="行政执法",
    measure="件",
    formula="年度内批准的示例许可数",
)
def approved(scope):
    return Permit.objects.filter(
        unit__in=scope.units,
        state=PermitState.APPROVED,
        approved_on__range=(scope.start, scope.end),
    )
