"""Factories of community corrections and its isolation factories.

The isolation walk checks unit isolation with users who hold no clearance, so the isolation
factory of `Subject` labels its row 一般; the clearance itself is tested in test_subjects.py
with rows labelled as the service labels them (敏感 / 未成年人身份信息)."""

import itertools
from datetime import date

from fazhi.core.sensitivity import Sensitivity
from fazhi.core.testing.isolation import isolation_factory
from fazhi.corrections.models import Competition, CrossReview, Subject, TrainingClass
from fazhi.legal_aid.tests.factories import resident_id

_seq = itertools.count(1)


@isolation_factory("corrections.Subject")
def make_subject(unit, **fields) -> Subject:
    n = next(_seq)
    values = {
        "number": f"矫〔2024〕{n}号",
        "year": 2024,
        "serial": n,
        "sensitivity": Sensitivity.GENERAL,
        "name": f"对象{n}",
        "gender": "male",
        "id_number": resident_id("19800101"),
        "address": "蒸湘区某街道",
        "crime": "危险驾驶罪",
        "sentence_kind": "probation",
        "deciding_organ": "衡阳市蒸湘区人民法院",
        "effective_on": date(2024, 3, 1),
        "term_start": date(2024, 3, 1),
        "term_end": date(2025, 2, 28),
    }
    values.update(fields)
    return Subject.objects.create(unit=unit, **values)


@isolation_factory("corrections.TrainingClass")
def make_training(unit, **fields) -> TrainingClass:
    values = {
        "name": f"创业技能培训班{next(_seq)}",
        "kind": "entrepreneurship",
        "started_on": date(2024, 4, 1),
    }
    values.update(fields)
    return TrainingClass.objects.create(unit=unit, **values)


@isolation_factory("corrections.CrossReview")
def make_review(unit, **fields) -> CrossReview:
    values = {
        "name": f"交叉评查{next(_seq)}",
        "organiser": "衡阳市司法局",
        "held_on": date(2024, 9, 1),
    }
    values.update(fields)
    return CrossReview.objects.create(unit=unit, **values)


@isolation_factory("corrections.Competition")
def make_competition(unit, **fields) -> Competition:
    values = {
        "name": f"技能大比武{next(_seq)}",
        "organiser": "湖南省社区矫正管理局",
        "held_on": date(2024, 10, 1),
    }
    values.update(fields)
    return Competition.objects.create(unit=unit, **values)
