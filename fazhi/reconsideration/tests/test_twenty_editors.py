"""Twenty threads edit one case through its service at once (issue 11): no update is lost.

Each thread reads the case, changes its own field value and saves with the version it read;
a refused save (someone saved in between) re-reads and tries again. Every successful save must
be on the case: 20 saves, version + 20, 20 “修改了” events, and the last writer's value."""

import threading

import pytest
from django.db import close_old_connections, connection

from fazhi.reconsideration import services
from fazhi.reconsideration.models import CaseEvent, ReconsiderationCase
from fazhi.reconsideration.services import ConcurrentEditError
from fazhi.reconsideration.tests.factories import registered

THREADS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_threads_editing_one_case_lose_no_update(recon_officer, unit_a):
    case = registered(recon_officer, unit_a)
    start_version = ReconsiderationCase.objects.get(pk=case.pk).version
    barrier = threading.Barrier(THREADS)
    saved: list[tuple[int, str]] = []  # (version written, value) per successful save
    refusals, errors = [], []
    lock = threading.Lock()

    def work(index: int) -> None:
        close_old_connections()
        phone = f"139{index:08d}"
        try:
            barrier.wait()
            for _attempt in range(200):
                current = ReconsiderationCase.objects.get(pk=case.pk)
                try:
                    result = services.case_update(
                        actor=recon_officer, case=current, applicant_phone=phone
                    )
                except ConcurrentEditError:
                    with lock:
                        refusals.append(index)
                    continue
                with lock:
                    saved.append((result.version, phone))
                return
            errors.append(f"线程{index}在200次尝试后仍未保存")
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(saved) == THREADS
    versions = sorted(version for version, _ in saved)
    assert versions == list(range(start_version + 1, start_version + THREADS + 1))
    final = ReconsiderationCase.objects.get(pk=case.pk)
    assert final.version == start_version + THREADS
    last_value = max(saved)[1]
    assert final.applicant_phone == last_value
    updates = CaseEvent.objects.filter(case=case, kind="updated").count()
    assert updates == THREADS  # every save left its trace: none was overwritten silently
    assert len(refusals) >= 1  # the race really happened
