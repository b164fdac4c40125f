"""Sidebar entries of 普法宣传 (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

OPEN = "fazhi.core.admin.can_work_on_records"

for order, (title, icon, name) in enumerate(
    [
        ("普法责任清单", "fact_check", "admin:publicity_publicityduty_changelist"),
        ("普法活动", "campaign", "admin:publicity_publicityevent_changelist"),
        ("直播普法", "live_tv", "admin:publicity_livestream_changelist"),
        ("法治文化阵地", "account_balance", "admin:publicity_culturesite_changelist"),
        ("民主法治示范村", "holiday_village", "admin:publicity_demonstrationvillage_changelist"),
        ("法律明白人", "person_pin", "admin:publicity_legalliterate_changelist"),
    ],
    start=1,
):
    menu_entry("普法宣传", title, icon, reverse_lazy(name), permission=OPEN, order=order * 10)
