from fazhi.core.tests.recipe_app.selectors import permits_waiting
from fazhi.core.workbench import WorkItem, workbench_provider


@workbench_provider("recipe_app")
def waiting(user):
    if not user.is_authenticated:
        return []
    return [
        WorkItem(title=f"示例许可 {p.number} 待批准", level="info", unit_name=p.unit.name)
        for p in permits_waiting(user=user).select_related("unit")
    ]
