"""The procedure of a request for government information (依申请公开, 《政府信息公开条例》
第二十七条至第四十二条; legal-rules.md O1–O9).

received ─request_correction (once, 第三十条)─▶ awaiting_correction ─correct─▶ received
awaiting_correction ─abandon (逾期不补正)─▶ replied
received ─consult_third_party (第三十二条: the reply clock stops)─▶ consulting
consulting ─third_party_answered (the reply clock runs again)─▶ received
received ─extend (第三十三条: once, 20 working days, the head approves)─▶ received
received ─reply (第三十六条至第三十九条)─▶ replied
"""

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, Verdict, Workflow, refuse
from fazhi.disclosure.deadlines import CORRECTION_NOTICE, REPLY, THIRD_PARTY
from fazhi.disclosure.models import (
    WITHHELD,
    DisclosureRequest,
    ReplyType,
    RequestEvent,
    RequestState,
)


def may_request_correction(user, request: DisclosureRequest, *, on, **facts) -> Verdict:
    if request.correction_requested_on is not None:
        return refuse("补正申请只能一次性告知，本申请已告知补正（《政府信息公开条例》第三十条）。")
    if on < request.received_on:
        return refuse("补正告知日期不能早于收到申请日期（《政府信息公开条例》第三十条）。")
    return ALLOW


def may_correct(user, request, *, on, **facts) -> Verdict:
    if on < request.correction_requested_on:
        return refuse("收到补正日期不能早于补正告知日期（《政府信息公开条例》第三十条）。")
    return ALLOW


def may_consult(user, request, *, on, **facts) -> Verdict:
    if on < request.received_on:
        return refuse("征求意见日期不能早于收到申请日期（《政府信息公开条例》第三十二条）。")
    return ALLOW


def may_extend(user, request, *, approver, **facts) -> Verdict:
    if approver is None or not (approver.is_superuser or approver.has_role(Role.UNIT_HEAD)):
        return refuse(
            "延长答复期限须经政府信息公开工作机构负责人同意（《政府信息公开条例》第三十三条第二款）。"
        )
    return ALLOW


def may_reply(user, request, *, on, reply_type, basis="", **facts) -> Verdict:
    if reply_type not in ReplyType.values:
        return refuse("请选择答复类型（《政府信息公开条例》第三十六条）。")
    if on < request.received_on:
        return refuse("答复日期不能早于收到申请日期（《政府信息公开条例》第三十三条）。")
    if (reply_type in WITHHELD or reply_type == ReplyType.PARTIAL) and not basis.strip():
        return refuse(
            "不予公开或部分公开的，须告知申请人并说明理由（《政府信息公开条例》第三十六条第（三）项）。"
        )
    if reply_type == ReplyType.UNABLE_UNCLEAR and request.correction_requested_on is None:
        return refuse("申请内容不明确的，应先一次性告知补正（《政府信息公开条例》第三十条）。")
    return ALLOW


def _timeline(obj, *, verb, text, on, actor, citation):
    RequestEvent.objects.create(
        request=obj, verb=verb, text=text, on=on, actor=actor, citation=citation or ""
    )


WORKFLOW = Workflow(
    [
        Transition(
            "request_correction", "一次性告知补正", (RequestState.RECEIVED,),
            RequestState.AWAITING_CORRECTION, guard=may_request_correction,
            rule="《政府信息公开条例》第三十条", sets={"correction_requested_on": "on"},
            stops=(CORRECTION_NOTICE, REPLY), timeline="{on:%Y年%m月%d日}一次性告知补正",
        ),
        Transition(
            "correct", "收到补正", (RequestState.AWAITING_CORRECTION,), RequestState.RECEIVED,
            guard=may_correct, rule="《政府信息公开条例》第三十条", sets={"corrected_on": "on"},
            starts=(REPLY,), timeline="{on:%Y年%m月%d日}收到补正，答复期限自该日重新计算",
        ),
        Transition(
            "abandon", "视为放弃申请", (RequestState.AWAITING_CORRECTION,), RequestState.REPLIED,
            rule="《政府信息公开条例》第三十条", sets={"replied_on": "on"},
            timeline="{on:%Y年%m月%d日}申请人无正当理由逾期不补正，视为放弃申请",
        ),
        Transition(
            "consult_third_party", "书面征求第三方意见", (RequestState.RECEIVED,),
            RequestState.CONSULTING, guard=may_consult, rule="《政府信息公开条例》第三十二条",
            pauses=(REPLY,), starts=(THIRD_PARTY,),
            timeline="{on:%Y年%m月%d日}书面征求第三方意见（所需时间不计入答复期限）",
        ),
        Transition(
            "third_party_answered", "第三方意见已回复或逾期", (RequestState.CONSULTING,),
            RequestState.RECEIVED, rule="《政府信息公开条例》第三十二条",
            resumes=(REPLY,), stops=(THIRD_PARTY,),
            timeline="{on:%Y年%m月%d日}征求意见结束，答复期限继续计算",
        ),
        Transition(
            "extend", "延长答复期限", (RequestState.RECEIVED, RequestState.CONSULTING), None,
            guard=may_extend, rule="《政府信息公开条例》第三十三条第二款",
            timeline="经{approver}同意延长答复期限20个工作日",
        ),
        Transition(
            "reply", "作出答复", (RequestState.RECEIVED,), RequestState.REPLIED,
            guard=may_reply, rule="《政府信息公开条例》第三十三条、第三十六条",
            sets={"replied_on": "on", "reply_type": "reply_type", "reply_basis": "basis"},
            stops=(REPLY, CORRECTION_NOTICE), timeline="{on:%Y年%m月%d日}作出答复",
        ),
    ],
    model=DisclosureRequest,
    timeline=_timeline,
)  # fmt: skip
