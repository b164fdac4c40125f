"""No lost update (optimistic locking) and gap-free numbering under concurrent registration."""

import threading
from datetime import date

import pytest
import time_machine
from django.db import close_old_connections, connection
from django.urls import reverse

from fazhi.reconsideration import services
from fazhi.reconsideration.models import CaseNumberCounter, ReconsiderationCase
from fazhi.reconsideration.numbering import allocate_case_number
from fazhi.reconsideration.services import ConcurrentEditError
from fazhi.reconsideration.tests.factories import application, registered


@pytest.mark.django_db
@time_machine.travel(date(2024, 3, 5), tick=False)
def test_second_officer_saving_a_stale_copy_is_refused_with_who_and_when(
    recon_officer, second_officer, unit_a
):
    case = registered(recon_officer, unit_a)
    first_copy = ReconsiderationCase.objects.get(pk=case.pk)
    second_copy = ReconsiderationCase.objects.get(pk=case.pk)
    services.case_update(actor=recon_officer, case=first_copy, applicant_phone="13900000001")
    with pytest.raises(ConcurrentEditError) as refused:
        services.case_update(actor=second_officer, case=second_copy, applicant_phone="13700000002")
    message = refused.value.messages[0]
    assert recon_officer.display_name in message and "2024-03-05" in message
    assert ReconsiderationCase.objects.get(pk=case.pk).applicant_phone == "13900000001"


@pytest.mark.django_db
@time_machine.travel(date(2024, 3, 5), tick=False)
def test_two_officers_editing_in_the_admin(
    recon_officer, second_officer, unit_a, client, verified_client
):
    from django.test import Client

    case = registered(recon_officer, unit_a)
    url = reverse("admin:reconsideration_reconsiderationcase_change", args=[case.pk])
    first = verified_client(recon_officer)
    other = Client()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    other.force_login(second_officer)
    device = TOTPDevice.objects.create(user=second_officer, name="t", confirmed=True)
    session = other.session
    session["otp_device_id"] = device.persistent_id
    session.save()

    def form_data(page):
        form = page.context["adminform"].form
        data = {}
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[name] = "on"
                continue
            data[name] = value
        for formset in page.context["inline_admin_formsets"]:
            management = formset.formset.management_form
            for name in management.fields:
                data[f"{management.prefix}-{name}"] = management[name].value()
        return data

    page_1 = first.get(url)
    page_2 = other.get(url)
    assert page_1.status_code == page_2.status_code == 200
    data_1, data_2 = form_data(page_1), form_data(page_2)
    data_1["applicant_phone"] = "13911111111"
    data_2["applicant_phone"] = "13722222222"
    saved = first.post(url, data_1)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    refused = other.post(url, data_2)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "保存失败" in text and recon_officer.display_name in text
    assert ReconsiderationCase.objects.get(pk=case.pk).applicant_phone == "13911111111"


@pytest.mark.django_db(transaction=True)
def test_case_numbers_stay_gap_free_under_concurrent_registration(recon_officer, unit_a):
    """Eight threads register at once, one of them fails and rolls back: numbers 1..7, no gap."""
    errors, barrier = [], threading.Barrier(8)

    def work(index):
        close_old_connections()
        try:
            barrier.wait()
            data = application(unit_a, applicant_name=f"申请人{index}")
            if index == 3:
                data["applicant_id_number"] = "430408198001010017"  # refused: rolls back
            services.case_register(actor=recon_officer, **data)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(errors) == 1 and "校验位" in str(errors[0])
    serials = sorted(ReconsiderationCase.objects.values_list("case_serial", flat=True))
    assert serials == list(range(1, 8))
    assert CaseNumberCounter.objects.get(unit=recon_officer.unit, year=2024).last_number == 7


@pytest.mark.django_db
def test_numbering_follows_the_office_pattern_and_restarts_each_year(justice_bureau):
    from django.db import transaction

    with transaction.atomic():
        assert allocate_case_number(justice_bureau, 2024)[0] == "蒸政复〔2024〕1号"
    counter = CaseNumberCounter.objects.get(unit=justice_bureau, year=2024)
    counter.pattern = "蒸政复字〔{year}〕第{number:03d}号"
    counter.full_clean()
    counter.save()
    with transaction.atomic():
        assert allocate_case_number(justice_bureau, 2024)[0] == "蒸政复字〔2024〕第002号"
        assert allocate_case_number(justice_bureau, 2025)[0] == "蒸政复字〔2025〕第001号"
    counter.pattern = "蒸政复〔{year}〕"
    with pytest.raises(Exception, match="占位符"):
        counter.full_clean()
