"""Hand-worked deadlines across the 2024-2026 holidays, each citing the rule it exercises.

Every expected due date and explanation below was counted by hand on the State Council notices
(docs/rules.md T13-T15), not produced by the engine. Rules: T1 trigger day not counted,
T2 month-end clamp, T3 roll-forward past rest days, T6 复议 working days, A2 rest-day
predicate, A3 adjusted working days count (setting), A5 pauses, T16 provisional.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from fazhi.deadlines.services import compute_due
from fazhi.deadlines.tests.factories import (
    CAL15,
    CAL60,
    MONTHS1,
    MONTHS2,
    MONTHS6,
    WD3,
    WD5,
    WD10,
    WD20,
    YEARS1,
)

pytestmark = pytest.mark.django_db

HEADS = {
    WD5: "收到申请，受理审查期限5个工作日（《行政复议法》第三十条）",
    WD3: "受理，简易程序发送副本期限3个工作日（《行政复议法》第五十四条）",
    WD10: "收到申请书副本，书面答复期限10个工作日（《行政复议法》第四十八条）",
    WD20: "收到申请，依申请公开答复期限20个工作日（《政府信息公开条例》第三十三条）",
    CAL15: "收到起诉状副本，答辩举证期限15日（《行政诉讼法》第六十七条）",
    CAL60: "受理，复议决定期限60日（《行政复议法》第六十二条）",
    MONTHS1: "起算，催告履行期限1个月（《民法典》第二百零二条）",
    MONTHS2: "提出申请，履责期限2个月（《行政诉讼法》第四十七条）",
    MONTHS6: "知道作出行政行为，起诉期限6个月（《行政诉讼法》第四十六条）",
    YEARS1: "知道行政行为内容，最长申请期限1年（《行政复议法》第二十条）",
}
CLAMP = "（民法典第二百零二条）"
PROVISIONAL_2027 = "2027年放假安排尚未导入，暂按周末及元旦、劳动节、国庆节法定日期推算"


@dataclass(frozen=True)
class Case:
    cites: str
    rule: str
    trigger: date
    due: date
    steps: str  # the explanation between the colon and "，截止"; "" when nothing was skipped
    tail: str  # "（周五）" or "（周二，临时）"
    pauses: tuple = ()
    extension: int = 0
    adjusted_count: bool = True
    provisional: bool = False

    def explanation(self) -> str:
        body = f"：{self.steps}" if self.steps else ""
        return (
            f"{self.trigger:%Y-%m-%d} {HEADS[self.rule]}{body}，截止 {self.due:%Y-%m-%d}{self.tail}"
        )


D = date
CASES = [
    # --- Spring Festival 2025 (1/28-2/4; work 1/26 Sun, 2/8 Sat) ---
    Case(
        "T1 T6 A3 春节2025 调休周日计入",
        WD5,
        D(2025, 1, 24),
        D(2025, 2, 7),
        "1/26（周日）调休上班计入，1/28–2/4 春节放假不计",
        "（周五）",
    ),
    Case(
        "T6 A3 春节2025 调休周六计入",
        WD10,
        D(2025, 1, 27),
        D(2025, 2, 17),
        "1/28–2/4 春节放假不计，2/8（周六）调休上班计入",
        "（周一）",
    ),
    Case(
        "T1 T6 起算日在假期中",
        WD5,
        D(2025, 1, 30),
        D(2025, 2, 10),
        "1/31–2/4 春节放假不计，2/8（周六）调休上班计入",
        "（周一）",
    ),
    Case(
        "T6 A3关闭 调休日不计",
        WD5,
        D(2025, 1, 24),
        D(2025, 2, 10),
        "1/26（周日）调休上班按设置不计，1/28–2/4 春节放假不计，2/8（周六）调休上班按设置不计",
        "（周一）",
        adjusted_count=False,
    ),
    # --- Spring Festival 2024 (2/10-2/17; work 2/4 Sun, 2/18 Sun) ---
    Case(
        "T6 A3 春节2024 节前调休周日",
        WD5,
        D(2024, 2, 2),
        D(2024, 2, 8),
        "2/4（周日）调休上班计入",
        "（周四）",
    ),
    Case(
        "T6 A3 春节2024 节后调休周日",
        WD10,
        D(2024, 2, 8),
        D(2024, 2, 28),
        "2/10–2/17 春节放假不计，2/18（周日）调休上班计入",
        "（周三）",
    ),
    Case(
        "T3 A3 顺延至调休上班的周日",
        CAL15,
        D(2024, 1, 31),
        D(2024, 2, 18),
        "期满日 2/15（周四）为春节放假，顺延至 2/18（周日）",
        "（周日）",
    ),
    Case(
        "T3 A3关闭 顺延越过调休周日",
        CAL15,
        D(2024, 1, 31),
        D(2024, 2, 19),
        "期满日 2/15（周四）为春节放假，顺延至 2/19（周一）",
        "（周一）",
        adjusted_count=False,
    ),
    # --- Spring Festival 2026 (2/15-2/23; work 2/14 Sat, 2/28 Sat) ---
    Case(
        "T6 A3 春节2026",
        WD5,
        D(2026, 2, 12),
        D(2026, 2, 26),
        "2/14（周六）调休上班计入，2/15–2/23 春节放假不计",
        "（周四）",
    ),
    Case(
        "T6 A3 截止日为调休上班的周六",
        WD3,
        D(2026, 2, 25),
        D(2026, 2, 28),
        "2/28（周六）调休上班计入",
        "（周六）",
    ),
    Case(
        "T3 期满日在春节2026",
        CAL15,
        D(2026, 2, 1),
        D(2026, 2, 24),
        "期满日 2/16（周一）为春节放假，顺延至 2/24（周二）",
        "（周二）",
    ),
    # --- National Day ---
    Case(
        "T3 国庆中秋2025 顺延",
        CAL15,
        D(2025, 9, 16),
        D(2025, 10, 9),
        "期满日 10/1（周三）为国庆节、中秋节放假，顺延至 10/9（周四）",
        "（周四）",
    ),
    Case(
        "T6 A3 国庆2025 跨调休周日",
        WD5,
        D(2025, 9, 25),
        D(2025, 10, 9),
        "9/28（周日）调休上班计入，10/1–10/8 国庆节、中秋节放假不计",
        "（周四）",
    ),
    Case(
        "T6 A3 国庆2025 节后调休周六",
        WD10,
        D(2025, 9, 30),
        D(2025, 10, 21),
        "10/1–10/8 国庆节、中秋节放假不计，10/11（周六）调休上班计入",
        "（周二）",
    ),
    Case(
        "T6 A3 国庆2024 跨调休周日",
        WD5,
        D(2024, 9, 26),
        D(2024, 10, 9),
        "9/29（周日）调休上班计入，10/1–10/7 国庆节放假不计",
        "（周三）",
    ),
    Case(
        "T3 国庆2024 期满日在假期",
        CAL15,
        D(2024, 9, 20),
        D(2024, 10, 8),
        "期满日 10/5（周六）为国庆节放假，顺延至 10/8（周二）",
        "（周二）",
    ),
    Case(
        "T6 A3 中秋国庆2026 连续两个假期",
        WD10,
        D(2026, 9, 17),
        D(2026, 10, 8),
        "9/20（周日）调休上班计入，9/25–9/27 中秋节放假不计，10/1–10/7 国庆节放假不计",
        "（周四）",
    ),
    Case(
        "T3 60日期满于国庆2026",
        CAL60,
        D(2026, 8, 3),
        D(2026, 10, 8),
        "期满日 10/2（周五）为国庆节放假，顺延至 10/8（周四）",
        "（周四）",
    ),
    # --- Other holidays ---
    Case(
        "T3 劳动节2025",
        CAL15,
        D(2025, 4, 16),
        D(2025, 5, 6),
        "期满日 5/1（周四）为劳动节放假，顺延至 5/6（周二）",
        "（周二）",
    ),
    Case(
        "T6 A3 劳动节2025 调休周日",
        WD5,
        D(2025, 4, 24),
        D(2025, 4, 30),
        "4/27（周日）调休上班计入",
        "（周三）",
    ),
    Case(
        "T6 A3 劳动节2024 两个调休日",
        WD10,
        D(2024, 4, 26),
        D(2024, 5, 13),
        "4/28（周日）调休上班计入，5/1–5/5 劳动节放假不计，5/11（周六）调休上班计入",
        "（周一）",
    ),
    Case(
        "T6 A3 劳动节2026",
        WD5,
        D(2026, 4, 30),
        D(2026, 5, 11),
        "5/1–5/5 劳动节放假不计，5/9（周六）调休上班计入",
        "（周一）",
    ),
    Case(
        "T3 端午2025 期满日在周六假期",
        CAL15,
        D(2025, 5, 16),
        D(2025, 6, 3),
        "期满日 5/31（周六）为端午节放假，顺延至 6/3（周二）",
        "（周二）",
    ),
    Case(
        "T6 端午2024 单日假期",
        WD3,
        D(2024, 6, 6),
        D(2024, 6, 12),
        "6/10 端午节放假不计",
        "（周三）",
    ),
    Case(
        "T6 A3 中秋2024 调休周六",
        WD3,
        D(2024, 9, 12),
        D(2024, 9, 18),
        "9/14（周六）调休上班计入，9/15–9/17 中秋节放假不计",
        "（周三）",
    ),
    Case(
        "T6 A3 清明2024 调休周日",
        WD3,
        D(2024, 4, 3),
        D(2024, 4, 9),
        "4/4–4/6 清明节放假不计，4/7（周日）调休上班计入",
        "（周二）",
    ),
    Case(
        "T3 清明2026",
        CAL15,
        D(2026, 3, 20),
        D(2026, 4, 7),
        "期满日 4/4（周六）为清明节放假，顺延至 4/7（周二）",
        "（周二）",
    ),
    Case(
        "T6 A3 元旦2026 跨年",
        WD3,
        D(2025, 12, 31),
        D(2026, 1, 6),
        "2026/1/1–1/3 元旦放假不计，2026/1/4（周日）调休上班计入",
        "（周二）",
    ),
    Case(
        "T3 元旦2025 跨年",
        CAL15,
        D(2024, 12, 17),
        D(2025, 1, 2),
        "期满日 2025/1/1（周三）为元旦放假，顺延至 2025/1/2（周四）",
        "（周四）",
    ),
    Case(
        "T6 端午2026", WD5, D(2026, 6, 17), D(2026, 6, 25), "6/19–6/21 端午节放假不计", "（周四）"
    ),
    # --- Ordinary weekends (A2) and plain periods (T1) ---
    Case(
        "T3 A2 期满日为普通周六",
        CAL15,
        D(2025, 3, 7),
        D(2025, 3, 24),
        "期满日 3/22（周六）为休息日，顺延至 3/24（周一）",
        "（周一）",
    ),
    Case("T1 自然日无顺延", CAL15, D(2025, 3, 3), D(2025, 3, 18), "", "（周二）"),
    Case(
        "T3 A3 期满日为调休上班的周日不顺延",
        CAL15,
        D(2025, 9, 13),
        D(2025, 9, 28),
        "期满日 9/28（周日）为调休上班日，不顺延",
        "（周日）",
    ),
    Case("T1 T6 普通工作日", WD5, D(2025, 3, 3), D(2025, 3, 10), "", "（周一）"),
    # --- Months and years (T2) ---
    Case(
        "T2 01-31加1个月",
        MONTHS1,
        D(2025, 1, 31),
        D(2025, 2, 28),
        f"2025年2月无31日，取月末 2/28{CLAMP}",
        "（周五）",
    ),
    Case(
        "T2 闰年01-31加1个月",
        MONTHS1,
        D(2024, 1, 31),
        D(2024, 2, 29),
        f"2024年2月无31日，取月末 2/29{CLAMP}",
        "（周四）",
    ),
    Case(
        "T2 T3 A3 月末为调休上班的周六",
        MONTHS1,
        D(2026, 1, 31),
        D(2026, 2, 28),
        f"2026年2月无31日，取月末 2/28{CLAMP}，期满日 2/28（周六）为调休上班日，不顺延",
        "（周六）",
    ),
    Case(
        "T2 闰日加1年",
        YEARS1,
        D(2024, 2, 29),
        D(2025, 2, 28),
        f"2025年2月无29日，取月末 2025/2/28{CLAMP}",
        "（周五）",
    ),
    Case(
        "T2 08-31加6个月到闰年",
        MONTHS6,
        D(2023, 8, 31),
        D(2024, 2, 29),
        f"2024年2月无31日，取月末 2024/2/29{CLAMP}",
        "（周四）",
    ),
    Case(
        "T2 08-31加6个月到平年",
        MONTHS6,
        D(2024, 8, 31),
        D(2025, 2, 28),
        f"2025年2月无31日，取月末 2025/2/28{CLAMP}",
        "（周五）",
    ),
    Case(
        "T2 T3 2个月期满于国庆",
        MONTHS2,
        D(2025, 8, 1),
        D(2025, 10, 9),
        "期满日 10/1（周三）为国庆节、中秋节放假，顺延至 10/9（周四）",
        "（周四）",
    ),
    Case(
        "T2 12-31加2个月",
        MONTHS2,
        D(2024, 12, 31),
        D(2025, 2, 28),
        f"2025年2月无31日，取月末 2025/2/28{CLAMP}",
        "（周五）",
    ),
    Case(
        "T2 T3 6个月期满于春节",
        MONTHS6,
        D(2024, 7, 29),
        D(2025, 2, 5),
        "期满日 2025/1/29（周三）为春节放假，顺延至 2025/2/5（周三）",
        "（周三）",
    ),
    # --- Pauses (A5) and extensions ---
    Case(
        "A5 补正中止 工作日",
        WD5,
        D(2025, 3, 3),
        D(2025, 3, 17),
        "3/4 因补正中止，3/11 恢复，其间7日不计",
        "（周一）",
        pauses=((D(2025, 3, 4), D(2025, 3, 11), "补正"),),
    ),
    Case(
        "A5 中止审理 自然日",
        CAL60,
        D(2025, 3, 3),
        D(2025, 5, 12),
        "3/10 因中止审理中止，3/20 恢复，其间10日不计",
        "（周一）",
        pauses=((D(2025, 3, 10), D(2025, 3, 20), "中止审理"),),
    ),
    Case(
        "复议法62 延长30日",
        CAL60,
        D(2025, 7, 1),
        D(2025, 9, 29),
        "延长30日",
        "（周一）",
        extension=30,
    ),
    Case(
        "公开条例33 延长20个工作日 跨国庆",
        WD20,
        D(2025, 9, 1),
        D(2025, 10, 31),
        "延长20个工作日，9/28（周日）调休上班计入，10/1–10/8 国庆节、中秋节放假不计，"
        "10/11（周六）调休上班计入",
        "（周五）",
        extension=20,
    ),
    Case(
        "A5 中止加延长 工作日",
        WD20,
        D(2026, 3, 2),
        D(2026, 5, 8),
        "延长20个工作日，3/9 因征求第三方意见中止，3/16 恢复，其间7日不计，"
        "4/4–4/6 清明节放假不计，5/1–5/5 劳动节放假不计",
        "（周五）",
        pauses=((D(2026, 3, 9), D(2026, 3, 16), "征求第三方意见"),),
        extension=20,
    ),
    Case(
        "A5 中止期间覆盖春节",
        WD5,
        D(2025, 1, 20),
        D(2025, 2, 10),
        "1/21 因补正中止，2/5 恢复，其间15日不计，2/8（周六）调休上班计入",
        "（周一）",
        pauses=((D(2025, 1, 21), D(2025, 2, 5), "补正"),),
    ),
    # --- Running into 2027, no calendar loaded (T16) ---
    Case(
        "T16 工作日跨入2027 临时",
        WD5,
        D(2026, 12, 28),
        D(2027, 1, 5),
        f"2027/1/1 元旦放假不计，{PROVISIONAL_2027}",
        "（周二，临时）",
        provisional=True,
    ),
    Case(
        "T16 T3 自然日期满于2027周末 临时",
        CAL60,
        D(2026, 12, 1),
        D(2027, 2, 1),
        f"期满日 2027/1/30（周六）为休息日，顺延至 2027/2/1（周一），{PROVISIONAL_2027}",
        "（周一，临时）",
        provisional=True,
    ),
    Case("T16 期满于2026年底 非临时", CAL15, D(2026, 12, 16), D(2026, 12, 31), "", "（周四）"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.cites for c in CASES])
def test_hand_worked_case(case, settings):
    settings.DEADLINES_COUNT_ADJUSTED_WORKDAYS = case.adjusted_count
    result = compute_due(case.rule, case.trigger, pauses=case.pauses, extension_days=case.extension)
    assert result.due_date == case.due
    assert result.provisional is case.provisional
    assert result.explanation == case.explanation()
    assert result.calendar_version == 1


def test_there_are_at_least_forty_cases():
    assert len(CASES) >= 40
    assert len({c.cites for c in CASES}) == len(CASES)
