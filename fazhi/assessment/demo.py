"""The demo district's 示范创建 assessment: the sample 指标体系 and a 2024 assessment (no
scores: the office enters them), through the import and the services."""

from fazhi.assessment import imports, services
from fazhi.assessment.models import Assessment, Framework
from fazhi.assessment.sample import SAMPLE_NAME, SAMPLE_NOTE, sample_workbook
from fazhi.core.imports import run_import
from fazhi.core.plugins import ORDER_REPORT, demo_step

YEAR = 2024


@demo_step(order=ORDER_REPORT + 1)
def load_assessment(context) -> str:
    office = next((u for u in context.get("users", []) if u.username == "office"), None)
    if office is None:
        return "示范创建评估：演示区没有依法治区办账号，跳过"
    framework = Framework.objects.filter(unit=office.unit, is_sample=True).first()
    if framework is None:
        run_import(
            imports.framework_spec(name=SAMPLE_NAME, note=SAMPLE_NOTE, is_sample=True),
            sample_workbook(),
            actor=office,
        )
        framework = Framework.objects.get(unit=office.unit, is_sample=True)
    if not Assessment.objects.filter(unit=office.unit, framework=framework, year=YEAR).exists():
        services.assessment_create(actor=office, framework=framework, year=YEAR)
    leaves = framework.items.filter(level=3).count()
    return f"示范创建评估：示例指标体系（三级指标 {leaves} 项，须核对），{YEAR} 年度评估已建立"
