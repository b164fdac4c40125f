"""One date style for text, one for tables, and the styles officials type accepted by forms."""

from datetime import date, datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone, translation


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def render(source, **context):
    return Template(source).render(Context(context))


def test_text_reads_year_month_day_and_tables_read_iso():
    day = date(2024, 10, 6)
    assert render("{{ d|date }}", d=day) == "2024年10月6日"
    assert render("{{ d }}", d=day) == "2024年10月6日"
    assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=day) == "2024-10-06"
    moment = timezone.make_aware(datetime(2024, 10, 16, 9, 5))
    assert render('{{ t|date:"SHORT_DATETIME_FORMAT" }}', t=moment) == "2024-10-16 09:05"
    assert render("{{ t|date:'DATETIME_FORMAT' }}", t=moment) == "2024年10月16日 09:05"


@pytest.mark.parametrize(
    "typed", ["2024-05-20", "2024/5/20", "2024.5.20", "2024年5月20日", "2024年05月20日", "20240520"]
)
def test_a_date_field_accepts_the_common_styles(typed):
    class Form(forms.Form):
        day = forms.DateField()

    form = Form({"day": typed})
    assert form.is_valid() and form.cleaned_data["day"] == date(2024, 5, 20)


def test_a_form_shows_a_date_back_in_iso_form():
    class Form(forms.Form):
        day = forms.DateField()

    assert 'value="2024-05-02"' in str(Form(initial={"day": date(2024, 5, 2)})["day"])
