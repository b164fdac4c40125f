"""The lifecycle of a community-corrections subject (docs/rules.md §13).

awaiting_report ─report_in─▶ reported ─receive (checklist, 第二十二条)─▶ under_correction
under_correction ─lose_contact─▶ lost_contact ─regain_contact─▶ under_correction
under_correction ─release (第四十四条)─▶ released
any active state ─terminate (第四十五条)─▶ terminated
"""

from __future__ import annotations

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, Verdict, Workflow, refuse
from fazhi.corrections import deadlines as rules
from fazhi.corrections.models import Subject, SubjectState, SubjectTimeline, TerminationGround

ART_REPORT = "《社区矫正法》第二十一条"
ART_RECEIVE = "《社区矫正法》第二十二条"
ART_TEAM = "《社区矫正法》第二十五条"
ART_MOVEMENT = "《社区矫正法》第二十七条"
ART_TAGGING = "《社区矫正法》第二十九条"
ART_LOST = "《社区矫正法》第三十条"
ART_RELEASE = "《社区矫正法》第四十四条"
ART_TERMINATE = "《社区矫正法》第四十五条"
ACTIVE = (
    SubjectState.AWAITING_REPORT,
    SubjectState.REPORTED,
    SubjectState.UNDER_CORRECTION,
    SubjectState.LOST_CONTACT,
)
CHECKLIST = {
    "documents_checked": "核对法律文书",
    "identity_verified": "核实身份",
    "registered": "办理登记",
    "file_opened": "建立档案",
    "announced": "宣告犯罪事实、执行社区矫正的期限以及应当遵守的规定",
}


def handles(user, subject) -> Verdict:
    if user is None or user.is_superuser or user.has_role(Role.OFFICE_STAFF):
        return ALLOW
    if user.unit_id == subject.unit_id:
        return ALLOW
    return refuse("只有执行地社区矫正机构可以办理。")


def _not_before(on, earlier, what: str) -> Verdict:
    if on is not None and earlier is not None and on < earlier:
        return refuse(f"办理日期不能早于{what}（{earlier:%Y-%m-%d}）。")
    return ALLOW


def may_report_in(user, subject, *, on=None, **_) -> Verdict:
    return handles(user, subject) and _not_before(on, subject.effective_on, "判决、裁定生效日期")


def may_receive(user, subject, *, on=None, **checklist) -> Verdict:
    """K3: documents checked, identity verified, registered, file opened, announced."""
    if checklist:
        missing = [label for key, label in CHECKLIST.items() if not checklist.get(key)]
        if missing:
            return refuse(f"接收时须完成：{'、'.join(missing)}（{ART_RECEIVE}）。")
    return handles(user, subject) and _not_before(on, subject.reported_on, "报到日期")


def may_act(user, subject, *, on=None, **_) -> Verdict:
    return handles(user, subject) and _not_before(on, subject.effective_on, "判决、裁定生效日期")


def may_release(user, subject, *, on=None, notices_sent=None, **_) -> Verdict:
    if on is not None and on < subject.term_end:
        return refuse(
            f"矫正期限于{subject.term_end:%Y年%m月%d日}届满，届满前不能解除矫正（{ART_RELEASE}）。"
        )
    if notices_sent is False:
        return refuse(
            f"解除矫正须发放解除社区矫正证明书，并书面通知决定机关，同时抄送人民检察院和执行地公安机关（{ART_RELEASE}）。"
        )
    return handles(user, subject)


def may_terminate(user, subject, *, on=None, ground=None, **_) -> Verdict:
    if ground is not None and ground not in TerminationGround.values:
        return refuse(f"终止社区矫正须有法定情形（{ART_TERMINATE}）。")
    return may_act(user, subject, on=on)


def _timeline(subject, *, verb, text, on, actor, citation):
    SubjectTimeline.objects.create(
        subject=subject, kind=verb, text=text, on=on, actor=actor, citation=citation[:100]
    )


WORKFLOW = Workflow(
    [
        Transition(
            "report_in",
            "报到",
            (SubjectState.AWAITING_REPORT,),
            SubjectState.REPORTED,
            may_report_in,
            ART_REPORT,
            sets={"reported_on": "on"},
            stops=(rules.REPORT_IN,),
            timeline="{on:%Y年%m月%d日}到执行地社区矫正机构报到",
        ),
        Transition(
            "receive",
            "接收并宣告",
            (SubjectState.REPORTED,),
            SubjectState.UNDER_CORRECTION,
            may_receive,
            ART_RECEIVE,
            sets={"received_on": "on", **{key: key for key in CHECKLIST}},
            timeline="{on:%Y年%m月%d日}核对文书、核实身份、登记建档并宣告",
        ),
        Transition(
            "lose_contact",
            "失去联系，立即查找",
            (SubjectState.UNDER_CORRECTION, SubjectState.REPORTED),
            SubjectState.LOST_CONTACT,
            may_act,
            ART_LOST,
            timeline="{on:%Y年%m月%d日}失去联系，立即组织查找",
        ),
        Transition(
            "regain_contact",
            "恢复联系",
            (SubjectState.LOST_CONTACT,),
            SubjectState.UNDER_CORRECTION,
            may_act,
            ART_LOST,
            timeline="{on:%Y年%m月%d日}查找到矫正对象，恢复监督管理",
        ),
        Transition(
            "release",
            "矫正期满，解除矫正",
            (SubjectState.UNDER_CORRECTION,),
            SubjectState.RELEASED,
            may_release,
            ART_RELEASE,
            sets={"released_on": "on", "notices_sent": "notices_sent"},
            timeline="{on:%Y年%m月%d日}矫正期满，宣告解除矫正，发放证明书并通知有关机关",
        ),
        Transition(
            "terminate",
            "终止矫正",
            ACTIVE,
            SubjectState.TERMINATED,
            may_terminate,
            ART_TERMINATE,
            sets={"terminated_on": "on", "termination_ground": "ground"},
            stops=(rules.REPORT_IN,),
            timeline="{on:%Y年%m月%d日}社区矫正终止",
        ),
    ],
    model=Subject,
    timeline=_timeline,
)
