"""The demo district's structure: 湖南省 › 衡阳市 › 蒸湘区, its towns, villages and departments.

ILLUSTRATIVE: the district, its four subdistricts and one town are real names; the 54
village/community names and the department list are made up to the right size for a demo.
"""

from fazhi.core.models import Division, DivisionLevel, Unit, UnitKind

PROVINCE = ("430000", "湖南省")
CITY = ("430400", "衡阳市")
DISTRICT = ("430408", "蒸湘区")
GOVERNMENT = "衡阳市蒸湘区人民政府"
JUSTICE_BUREAU = "蒸湘区司法局"
OFFICE = "中共衡阳市蒸湘区委全面依法治区委员会办公室"

TOWNS = [
    ("430408001", "蒸湘街道", UnitKind.SUBDISTRICT, 12),
    ("430408002", "红湘街道", UnitKind.SUBDISTRICT, 11),
    ("430408003", "呈祥街道", UnitKind.SUBDISTRICT, 11),
    ("430408004", "联合街道", UnitKind.SUBDISTRICT, 10),
    ("430408100", "雨母山镇", UnitKind.TOWN, 10),
]
VILLAGE_WORDS = [
    "光辉",
    "立新",
    "华新",
    "长丰",
    "金源",
    "松木",
    "雨母",
    "幸福",
    "和平",
    "民主",
    "建设",
    "团结",
    "先锋",
    "胜利",
    "向阳",
    "长青",
    "富民",
    "东阳",
    "西湖",
    "南岳",
    "北塘",
    "新桥",
    "金龙",
    "银湾",
    "凤凰",
    "荷花",
    "桂花",
    "茶山",
    "竹园",
    "石塘",
    "杨柳",
    "樟树",
    "桃源",
    "龙井",
    "太平",
    "永兴",
    "永安",
    "长乐",
    "万福",
    "双桥",
    "三塘",
    "五一",
    "七里",
    "九龙",
    "十里",
    "泉溪",
    "白沙",
    "黄茶",
    "清水",
    "星光",
    "阳光",
    "蒸水",
    "湘江",
    "莲湖",
]

# (name, short name, enforcement body?)
DEPARTMENTS = [
    ("蒸湘区人民政府办公室", "区政府办", False),
    ("蒸湘区发展和改革局", "区发改局", True),
    ("蒸湘区教育局", "区教育局", True),
    ("蒸湘区科学技术和工业信息化局", "区科工信局", True),
    ("蒸湘区民政局", "区民政局", True),
    (JUSTICE_BUREAU, "区司法局", True),
    ("蒸湘区财政局", "区财政局", True),
    ("蒸湘区人力资源和社会保障局", "区人社局", True),
    ("衡阳市自然资源和规划局蒸湘分局", "自然资源分局", True),
    ("衡阳市生态环境局蒸湘分局", "生态环境分局", True),
    ("蒸湘区住房和城乡建设局", "区住建局", True),
    ("蒸湘区交通运输局", "区交通局", True),
    ("蒸湘区农业农村局", "区农业农村局", True),
    ("蒸湘区水利局", "区水利局", True),
    ("蒸湘区商务局", "区商务局", True),
    ("蒸湘区文化旅游广电体育局", "区文旅广体局", True),
    ("蒸湘区卫生健康局", "区卫健局", True),
    ("蒸湘区退役军人事务局", "区退役军人局", False),
    ("蒸湘区应急管理局", "区应急局", True),
    ("蒸湘区审计局", "区审计局", False),
    ("衡阳市市场监督管理局蒸湘分局", "市场监管分局", True),
    ("蒸湘区统计局", "区统计局", True),
    ("蒸湘区医疗保障局", "区医保局", True),
    ("蒸湘区城市管理和综合执法局", "区城管执法局", True),
    ("蒸湘区政务服务中心", "区政务服务中心", False),
    ("蒸湘区林业局", "区林业局", True),
    ("蒸湘区信访局", "区信访局", False),
    ("蒸湘区国有资产事务中心", "区国资中心", False),
    ("蒸湘区乡村振兴局", "区乡村振兴局", False),
    ("衡阳市公安局蒸湘分局", "公安分局", True),
]


def _division(code, name, level, parent=None) -> Division:
    division, _ = Division.objects.update_or_create(
        code=code, defaults={"name": name, "level": level, "parent": parent}
    )
    return division


def _unit(name, kind, division, parent=None, **flags) -> Unit:
    unit, _ = Unit.objects.update_or_create(
        division=division, name=name, defaults={"kind": kind, "parent": parent, **flags}
    )
    return unit


def load_structure() -> dict[str, Unit]:
    """Create (or refresh) the tree. Idempotent. Returns the key units by name."""
    province = _division(*PROVINCE, DivisionLevel.PROVINCE)
    city = _division(*CITY, DivisionLevel.CITY, province)
    district = _division(*DISTRICT, DivisionLevel.DISTRICT, city)
    government = _unit(GOVERNMENT, UnitKind.GOVERNMENT, district)
    units = {GOVERNMENT: government}
    for name, short, enforcement in DEPARTMENTS:
        units[name] = _unit(
            name,
            UnitKind.DEPARTMENT,
            district,
            government,
            short_name=short,
            is_enforcement_body=enforcement,
            is_justice_bureau=(name == JUSTICE_BUREAU),
        )
    units[OFFICE] = _unit(
        OFFICE,
        UnitKind.OTHER,
        district,
        units[JUSTICE_BUREAU],
        short_name="依法治区办",
        is_rule_of_law_office=True,
    )
    words = iter(VILLAGE_WORDS)
    for code, name, kind, villages in TOWNS:
        town_division = _division(code, name, DivisionLevel.TOWN, district)
        town = units[name] = _unit(name, kind, town_division, government)
        for index in range(1, villages + 1):
            word = next(words)
            village_kind = UnitKind.VILLAGE if kind == UnitKind.TOWN else UnitKind.COMMUNITY
            village_name = f"{word}{'村' if village_kind == UnitKind.VILLAGE else '社区'}"
            village_division = _division(
                f"{code}{index:03d}", village_name, DivisionLevel.VILLAGE, town_division
            )
            units[village_name] = _unit(village_name, village_kind, village_division, town)
    return units
