"""ILLUSTRATIVE sample content shared by the demo district and the synthetic city: the year's
publicity campaigns, the livestreams, the laws of the departments' duties."""

from datetime import date

from fazhi.publicity.models import EventKind

JUSTICE = "蒸湘区司法局"

# kind, title, first day, organiser, number of activities
CAMPAIGNS = [
    (EventKind.LAW_TO_COUNTRYSIDE, "寒假返乡大学生“送法下乡”", date(2024, 1, 22), JUSTICE, 4),
    (EventKind.NATIONAL_SECURITY_DAY, "全民国家安全教育日宣传", date(2024, 4, 15), "衡阳市公安局蒸湘分局", 3),
    (EventKind.CIVIL_CODE_MONTH, "民法典宣传月", date(2024, 5, 6), JUSTICE, 6),
    (EventKind.RURAL_MONTH, "农村法治宣传教育月", date(2024, 6, 3), "蒸湘区农业农村局", 5),
    (EventKind.LAW_TO_COUNTRYSIDE, "暑期大学生“送法下乡”", date(2024, 7, 15), JUSTICE, 4),
    (EventKind.YOUTH_MONTH, "青少年法治宣传教育月", date(2024, 9, 2), "蒸湘区教育局", 5),
    (EventKind.CONSTITUTION_WEEK, "宪法宣传周", date(2024, 12, 2), JUSTICE, 6),
    (EventKind.NINE_INTO, "“法律九进”", date(2024, 2, 26), JUSTICE, 10),
]  # fmt: skip
NINE_PLACES = ["机关", "乡村", "社区", "学校", "企业", "单位", "网络", "军营", "家庭", "市场"]
LIVESTREAMS = [
    # title, platform, views, likes (ILLUSTRATIVE, as the platform's statistics reported them)
    ("“典”亮生活 蒸湘司法相伴——民法典宣传活动直播", "抖音", 1502, 7010),
    ("宪法宣传周“宪法进万家”直播", "微信视频号", 234, 1114),
]
DUTY_LAWS = ["本行业主管的法律法规", "民法典", "安全生产法", "行政处罚法", "优化营商环境条例"]
