"""Forms of the legality-review pages (each one runs a service)."""

from django import forms
from django.utils import timezone

from fazhi.advisors.models import LegalAdvisor
from fazhi.core.admin_actions import ActionForm
from fazhi.review.models import FlagKind, MaterialKind, Outcome, SubjectType

YES_NO = [("", "—"), ("1", "合法"), ("0", "不合法")]


def _today():
    return timezone.localdate()


class SubmitForm(ActionForm):
    subject_type = forms.ChoiceField(label="审查对象类型", choices=SubjectType.choices)
    title = forms.CharField(label="送审事项", max_length=255)
    submitted_on = forms.DateField(label="送审日期", initial=_today)
    draft = forms.CharField(label="送审稿（正文或要点）", widget=forms.Textarea)
    draft_file = forms.FileField(label="送审稿附件", required=False)
    drafting_note = forms.CharField(label="起草说明", widget=forms.Textarea, required=False)
    legal_basis = forms.CharField(
        label="制定依据（法律依据）", widget=forms.Textarea, required=False
    )
    procedure_statement = forms.CharField(
        label="履行程序情况说明", widget=forms.Textarea, required=False
    )
    counterparty = forms.CharField(label="合同相对方", required=False)
    amount = forms.DecimalField(label="合同金额（元）", required=False, min_value=0)


class DecideForm(ActionForm):
    outcome = forms.ChoiceField(label="审查结论", choices=Outcome.choices)
    authority_ok = forms.ChoiceField(label="主体与权限", choices=YES_NO)
    authority_opinion = forms.CharField(label="主体与权限审查意见", widget=forms.Textarea)
    procedure_ok = forms.ChoiceField(label="程序", choices=YES_NO)
    procedure_opinion = forms.CharField(label="程序审查意见", widget=forms.Textarea)
    content_ok = forms.ChoiceField(label="内容", choices=YES_NO)
    content_opinion = forms.CharField(label="内容审查意见", widget=forms.Textarea)
    conclusion = forms.CharField(
        label="审查意见（修改意见、退回理由）", widget=forms.Textarea, required=False
    )
    n3_confirmed = forms.BooleanField(
        label="（规范性文件）已逐项确认未违法设定许可、处罚、强制、收费，未违法减损权利或增加义务",
        required=False,
    )
    exploratory_reform = forms.BooleanField(
        label="（重大行政决策）国家尚无明确规定的探索性改革事项，明示法律风险后提交讨论",
        help_text="仅适用于重大行政决策（《重大行政决策程序暂行条例》第二十五条第二款）。",
        required=False,
    )
    risk_disclosure = forms.CharField(label="法律风险提示", widget=forms.Textarea, required=False)
    reviewer_legally_qualified = forms.BooleanField(
        label="（重大执法决定）审核人员具有法律职业资格", required=False
    )
    on = forms.DateField(label="出具意见日期", initial=_today)

    def clean(self):
        data = super().clean()
        for name in ("authority_ok", "procedure_ok", "content_ok"):
            value = data.get(name)
            data[name] = None if value in ("", None) else value == "1"
        return data


class ReturnForm(ActionForm):
    reason = forms.CharField(label="需补充的材料或理由", widget=forms.Textarea)
    on = forms.DateField(label="退回日期", initial=_today)


class ResubmitForm(ActionForm):
    kind = forms.ChoiceField(label="补充材料类型", choices=MaterialKind.choices)
    title = forms.CharField(label="材料名称")
    note = forms.CharField(label="内容摘要", widget=forms.Textarea, required=False)
    file = forms.FileField(label="附件", required=False)
    on = forms.DateField(label="重新送审日期", initial=_today)


class WithdrawForm(ActionForm):
    on = forms.DateField(label="撤回日期", initial=_today)


class AskAdvisorForm(ActionForm):
    advisor = forms.ModelChoiceField(label="法律顾问", queryset=LegalAdvisor.objects.none())
    requested_on = forms.DateField(label="征求意见日期", initial=_today)

    def __init__(self, *args, advisors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = (
            advisors if advisors is not None else LegalAdvisor.objects.filter(active=True)
        )
        self.fields["advisor"].widget.choices = self.fields["advisor"].choices


class AdvisorOpinionForm(ActionForm):
    given_on = forms.DateField(label="出具意见日期", initial=_today)
    text = forms.CharField(label="法律顾问意见", widget=forms.Textarea)


class RecordAdvisorOpinionForm(AdvisorOpinionForm):
    advisor = forms.ModelChoiceField(label="法律顾问", queryset=LegalAdvisor.objects.none())

    field_order = ["advisor", "given_on", "text"]

    def __init__(self, *args, advisors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = (
            advisors if advisors is not None else LegalAdvisor.objects.filter(active=True)
        )
        self.fields["advisor"].widget.choices = self.fields["advisor"].choices


# --- assisted review (issue 20) ---------------------------------------------------------------


INPUT = {"class": "border rounded-default px-2 py-1 w-full"}


class DraftUploadForm(forms.Form):
    file = forms.FileField(
        label="送审稿（.docx）",
        required=False,
        help_text="Word 文档（.docx），不超过 10 MB；旧版 .doc 请先另存为 .docx。",
    )
    text = forms.CharField(
        label="或粘贴正文", widget=forms.Textarea(attrs={"rows": 6, **INPUT}), required=False
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError("请上传送审稿（.docx）或粘贴正文。")
        return data


class DismissForm(forms.Form):
    reason = forms.CharField(label="排除理由", widget=forms.Textarea(attrs={"rows": 2}))


class AddFlagForm(forms.Form):
    clause_index = forms.TypedChoiceField(
        label="条款", coerce=int, empty_value=None, required=False
    )
    kind = forms.ChoiceField(label="问题类型", choices=FlagKind.choices)
    article = forms.CharField(label="依据条文", max_length=255)
    explanation = forms.CharField(label="审查意见", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update(INPUT)
        self.fields["clause_index"].choices = [("", "全文")] + [
            (c["index"], f"{c['ref']} {c['text'][:30]}") for c in clauses
        ]


class FairCompetitionForm(forms.Form):
    conclusion = forms.CharField(label="审查结论", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            self.fields[f"involved_{row['code']}"] = forms.BooleanField(
                label=f"{row['article']} {row['text']}", required=False, initial=row["involved"]
            )
            self.fields[f"note_{row['code']}"] = forms.CharField(
                label="涉及的条款", required=False, initial=row["note"]
            )

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            row["code"]: {
                "involved": data.get(f"involved_{row['code']}", False),
                "note": data.get(f"note_{row['code']}", ""),
            }
            for row in self.rows
        }
