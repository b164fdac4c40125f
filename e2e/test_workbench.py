import pytest

from e2e.conftest import e2e_login
from fazhi.core.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_department_clerk_sees_the_workbench_in_chinese(page, clerk_a, output_dir):
    e2e_login(page, clerk_a, TEST_PASSWORD)
    workbench = page.locator("#workbench")
    assert "工作台" in workbench.inner_text()
    assert page.locator("#workbench-unit").inner_text() == "蒸湘区人力资源和社会保障局"
    assert "今日待办" in page.locator("#todos").inner_text()
    page.screenshot(path=str(output_dir / "workbench.png"), full_page=True)
    assert (output_dir / "workbench.png").stat().st_size > 10_000
