"""Lawsuit data and the isolation factory of the litigation register."""

from datetime import date

from fazhi.core.testing.factories import UnitFactory
from fazhi.core.testing.isolation import isolation_factory
from fazhi.litigation.models import Instance, Lawsuit
from fazhi.reconsideration.models import ActType, AdministrativeField, ApplicantKind, IdType
from fazhi.reconsideration.tests.factories import PERSON_ID

_counter = [0]


def lawsuit_data(defendant, **overrides) -> dict:
    _counter[0] += 1
    data = {
        "court": "衡阳市蒸湘区人民法院",
        "court_case_number": f"（2024）湘0408行初{_counter[0]}号",
        "instance": Instance.FIRST,
        "plaintiff_kind": ApplicantKind.PERSON,
        "plaintiff_name": "李四",
        "plaintiff_id_type": IdType.RESIDENT_ID,
        "plaintiff_id_number": PERSON_ID,
        "defendant_unit": defendant,
        "act_type": ActType.PENALTY,
        "contested_act": "行政处罚决定（罚款2万元）",
        "field": AdministrativeField.MARKET_REGULATION,
        "filed_on": date(2024, 4, 1),
    }
    data.update(overrides)
    return data


@isolation_factory("litigation.Lawsuit")
def lawsuit_for_unit(unit):
    return Lawsuit.objects.create(unit=unit, **lawsuit_data(UnitFactory(division=unit.division)))
