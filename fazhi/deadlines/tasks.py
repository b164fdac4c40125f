"""Background tasks (django.tasks, run by the django-tasks-db worker `manage.py db_worker`)."""

from django.tasks import task


@task()
def scan_deadlines_task(today: str | None = None) -> dict:
    """The daily reminder scan; `today` as YYYY-MM-DD for a catch-up run."""
    from datetime import date

    from fazhi.deadlines.services import scan_deadlines

    report = scan_deadlines(today=date.fromisoformat(today) if today else None)
    return {
        "today": report.today.isoformat(),
        "states_changed": report.states_changed,
        "open_due": report.open_due,
        "reminders_created": report.reminders_created,
    }
