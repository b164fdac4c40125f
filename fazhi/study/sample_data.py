"""ILLUSTRATIVE sample content shared by the demo district and the synthetic city: the 应知应会
list (a selection of real instruments), the committee's tasks, study topics and made-up ID
numbers with a valid check digit (GB 11643)."""

from datetime import date, timedelta

from fazhi.study.models import RequiredLawKind

DISTRICT_AREA = "430408"

# The city's list (ILLUSTRATIVE selection of real instruments).
REQUIRED_LAWS = [
    (RequiredLawKind.PARTY_REGULATION, "中国共产党章程"),
    (RequiredLawKind.PARTY_REGULATION, "中国共产党纪律处分条例"),
    (RequiredLawKind.PARTY_REGULATION, "中国共产党问责条例"),
    (RequiredLawKind.PARTY_REGULATION, "党政主要负责人履行推进法治建设第一责任人职责规定"),
    (RequiredLawKind.LAW, "中华人民共和国宪法"),
    (RequiredLawKind.LAW, "中华人民共和国民法典"),
    (RequiredLawKind.LAW, "中华人民共和国行政处罚法"),
    (RequiredLawKind.LAW, "中华人民共和国行政许可法"),
    (RequiredLawKind.LAW, "中华人民共和国行政强制法"),
    (RequiredLawKind.LAW, "中华人民共和国行政复议法"),
    (RequiredLawKind.LAW, "中华人民共和国行政诉讼法"),
    (RequiredLawKind.LAW, "中华人民共和国国家赔偿法"),
    (RequiredLawKind.LAW, "中华人民共和国安全生产法"),
    (RequiredLawKind.LAW, "中华人民共和国保守国家秘密法"),
    (RequiredLawKind.LAW, "中华人民共和国法律援助法"),
    (RequiredLawKind.ADMINISTRATIVE_REGULATION, "中华人民共和国政府信息公开条例"),
    (RequiredLawKind.ADMINISTRATIVE_REGULATION, "重大行政决策程序暂行条例"),
    (RequiredLawKind.ADMINISTRATIVE_REGULATION, "优化营商环境条例"),
    (RequiredLawKind.ADMINISTRATIVE_REGULATION, "信访工作条例"),
    (RequiredLawKind.RULE, "湖南省行政程序规定"),
]

TASKS = [
    # unit, task, period rule, days to completion (None: still open)
    ("蒸湘区司法局", "组织开展2024年度国家工作人员学法考法", "study.task_half_year", 150),
    ("蒸湘区人民政府办公室", "制定区政府常务会议会前学法计划", "study.task_standard", 20),
    ("蒸湘区人力资源和社会保障局", "完善领导干部任前考法制度", "study.task_quarter", 70),
    ("蒸湘区城市管理和综合执法局", "落实“谁执法谁普法”责任清单", "study.task_quarter", 100),
    ("雨母山镇", "推进民主法治示范村创建", "study.task_half_year", 120),
    ("蒸湘区林业局", "制定本单位法治专题学习计划", "study.task_short", None),
]
TOPICS = [
    "习近平法治思想专题学习",
    "学习宪法，弘扬宪法精神",
    "民法典与基层治理",
    "行政执法“三项制度”解读",
    "新修订《行政复议法》解读",
    "重大行政决策程序专题",
    "安全生产法律责任",
    "优化营商环境法治保障",
]


def id_number(index: int, area: str = DISTRICT_AREA) -> str:
    """An ILLUSTRATIVE 18-digit ID number with a valid check digit (GB 11643)."""
    birth = date(1965, 1, 1) + timedelta(days=(index // 1000) * 97)  # injective in index
    body = f"{area}{birth:%Y%m%d}{index % 1000:03d}"
    weights = [pow(2, 17 - i, 11) for i in range(17)]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check
