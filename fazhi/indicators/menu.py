"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "行政执法",
    "执法工作数据",
    "gavel",
    "/indicators/?domain=行政执法",
    permission="fazhi.indicators.views.can_read_indicators",
    order=10,
)
menu_entry(
    "公共法律服务",
    "公共法律服务数据",
    "support_agent",
    "/indicators/?domain=公共法律服务",
    permission="fazhi.indicators.views.can_read_indicators",
    order=10,
)
menu_entry(
    "统计与报告",
    "指标数据",
    "query_stats",
    reverse_lazy("indicators:values"),
    permission="fazhi.indicators.views.can_read_indicators",
    order=10,
)
menu_entry(
    "统计与报告",
    "统计填报",
    "assignment",
    reverse_lazy("indicators:returns"),
    permission="fazhi.indicators.views.can_read_indicators",
    order=20,
)
menu_entry(
    "统计与报告",
    "指标目录",
    "list_alt",
    reverse_lazy("indicators:catalog"),
    permission="fazhi.indicators.views.can_read_indicators",
    order=30,
)
menu_entry(
    "统计与报告",
    "统计期",
    "date_range",
    reverse_lazy("indicators:windows"),
    permission="fazhi.indicators.views.can_read_indicators",
    order=35,
)
menu_entry(
    "统计与报告",
    "目标值",
    "flag",
    reverse_lazy("indicators:targets"),
    permission="fazhi.indicators.views.can_read_indicators",
    order=36,
)
