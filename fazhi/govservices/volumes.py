"""The demo district's 2024 一件事 list and hall tallies (seed 一(二)), shared by the demo and the
synthetic city. ILLUSTRATIVE split by channel; the totals are the seed's."""

from fazhi.govservices.models import TallyKind

PACKAGES = [
    "新生儿出生一件事", "教育入学一件事", "企业信息变更一件事", "开办运输企业一件事",
    "开办餐饮店一件事", "员工录用一件事", "军人退役一件事", "残疾人服务一件事",
    "二手房转移登记及水电气网联动过户一件事", "退休一件事", "公民身后一件事", "信用修复一件事",
    "企业破产信息核查一件事", "企业上市合法合规信息核查一件事", "个体工商户开办一件事",
]  # fmt: skip
INACTIVE = {
    "农村建房一件事": "涉及自然资源、住建、农业农村多部门审批系统尚未对接，暂未正常受理",
    "社会保障服务一件事": "省级社会保障信息系统迁移中，暂未正常受理",
}
TALLIES = {
    TallyKind.CONSULT_PHONE: 21874, TallyKind.CONSULT_ONLINE: 17306,
    TallyKind.CONSULT_WECHAT: 13255, TallyKind.VISITORS: 24341, TallyKind.FREE_SEAL: 1850,
    TallyKind.FREE_MAILING: 48, TallyKind.FREE_PRINT: 9584,
}  # fmt: skip
