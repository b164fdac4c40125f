"""Forms of the deadline engine's back office."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from unfold.widgets import (
    UnfoldAdminFileFieldWidget,
    UnfoldAdminIntegerFieldWidget,
    UnfoldAdminSelectWidget,
    UnfoldAdminTextareaWidget,
    UnfoldAdminTextInputWidget,
)

from fazhi.deadlines.importer import MAX_UPLOAD_BYTES, CalendarDraft, parse_text, parse_xlsx
from fazhi.deadlines.models import RuleOverride
from fazhi.deadlines.rules import STATUSES, registered_rules

TEXT_HELP = (
    "每行一个日期或日期区间：日期（或 起始~结束）、类型（放假/调休上班）、节日，"
    "以逗号、制表符或空格分隔。例如：2027-02-05~2027-02-11,放假,春节"
)


class CalendarImportForm(forms.Form):
    """Step 1 of the import: a year's schedule as an Excel file or pasted lines (T12, T16)."""

    year = forms.IntegerField(
        label="年份", min_value=2000, max_value=2100, widget=UnfoldAdminIntegerFieldWidget
    )
    file = forms.FileField(
        label="Excel 文件（.xlsx）",
        required=False,
        widget=UnfoldAdminFileFieldWidget,
        help_text="第一个工作表：日期 | 类型（放假/调休上班） | 节日，可有表头行。",
    )
    text = forms.CharField(
        label="或直接填写",
        required=False,
        widget=UnfoldAdminTextareaWidget(attrs={"rows": 12}),
        help_text=TEXT_HELP,
    )
    source = forms.CharField(
        label="依据（通知文号）",
        max_length=255,
        required=False,
        widget=UnfoldAdminTextInputWidget,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year + 1
        self.draft: CalendarDraft | None = None

    def clean(self):
        cleaned = super().clean()
        year, upload, text = cleaned.get("year"), cleaned.get("file"), cleaned.get("text")
        if year is None:
            return cleaned
        if upload and text:
            raise ValidationError("请只选择一种方式：上传 Excel 文件或直接填写。")
        if upload:
            if upload.size > MAX_UPLOAD_BYTES:
                raise ValidationError("文件超过 2 MB，拒绝读取。")
            if not upload.name.lower().endswith(".xlsx"):
                raise ValidationError("只接受 .xlsx 格式的 Excel 文件。")
            self.draft = parse_xlsx(upload.read(), year)
        elif text:
            self.draft = parse_text(text, year)
        else:
            raise ValidationError("请上传 Excel 文件或直接填写放假安排。")
        return cleaned


class RuleOverrideForm(forms.ModelForm):
    rule_code = forms.ChoiceField(label="期限规则", widget=UnfoldAdminSelectWidget)

    class Meta:
        model = RuleOverride
        fields = [
            "rule_code",
            "length",
            "unit",
            "max_extension_days",
            "max_extensions",
            "reason",
            "active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule_code"].choices = [
            (code, f"{rule.name}（{rule.period_text}，{rule.citation}，{STATUSES[rule.status]}）")
            for code, rule in registered_rules().items()
        ]
