"""The back office's look and its sidebar, grouped by domain. Items are added as registers land."""

from django.urls import reverse_lazy


def _item(title, icon, link, permission=None):
    item = {"title": title, "icon": icon, "link": link}
    if permission:
        item["permission"] = permission
    return item


SIDEBAR_GROUPS = [
    (
        "今日待办",
        [
            _item("工作台", "dashboard", reverse_lazy("admin:index")),
            _item(
                "法定期限",
                "timer",
                reverse_lazy("admin:deadlines_clock_changelist"),
                "fazhi.core.admin.can_work_on_records",
            ),
        ],
    ),
    (
        "依法决策",
        [
            _item(
                "政府常务会议",
                "groups",
                reverse_lazy("admin:meetings_meeting_changelist"),
                "fazhi.advisors.access.can_open_chain",
            ),
            _item(
                "会议议题",
                "list_alt",
                reverse_lazy("admin:meetings_agendaitem_changelist"),
                "fazhi.advisors.access.can_open_chain",
            ),
            _item(
                "会议纪要",
                "summarize",
                reverse_lazy("admin:meetings_minutes_changelist"),
                "fazhi.advisors.access.can_open_chain",
            ),
            _item(
                "合法性审查",
                "fact_check",
                reverse_lazy("admin:review_reviewrequest_changelist"),
                "fazhi.advisors.access.can_open_assigned",
            ),
            _item(
                "法律顾问意见",
                "rate_review",
                reverse_lazy("admin:review_advisoropinion_changelist"),
                "fazhi.advisors.access.can_open_assigned",
            ),
            _item(
                "行政规范性文件",
                "article",
                reverse_lazy("admin:normdocs_normativedocument_changelist"),
                "fazhi.advisors.access.can_open_chain",
            ),
            _item(
                "规范性文件清理",
                "cleaning_services",
                reverse_lazy("admin:normdocs_cleanupcampaign_changelist"),
                "fazhi.advisors.access.can_open_chain",
            ),
            _item(
                "附带审查",
                "plagiarism",
                reverse_lazy("admin:normdocs_incidentalreview_changelist"),
                "fazhi.advisors.access.can_open_chain",
            ),
            _item(
                "重大行政决策",
                "account_tree",
                reverse_lazy("admin:decisions_majordecision_changelist"),
                "fazhi.advisors.access.can_open_assigned",
            ),
            _item(
                "决策事项目录",
                "checklist",
                reverse_lazy("admin:decisions_decisioncatalog_changelist"),
                "fazhi.advisors.access.can_open_chain",
            ),
            _item(
                "法律顾问",
                "support_agent",
                reverse_lazy("admin:advisors_legaladvisor_changelist"),
                "fazhi.advisors.access.can_open_chain",
            ),
            _item(
                "法律顾问合同",
                "handshake",
                reverse_lazy("admin:advisors_advisorcontract_changelist"),
                "fazhi.advisors.access.can_open_assigned",
            ),
            _item(
                "法律顾问服务记录",
                "history_edu",
                reverse_lazy("admin:advisors_servicelog_changelist"),
                "fazhi.advisors.access.can_open_assigned",
            ),
            _item(
                "法律顾问覆盖情况",
                "map",
                reverse_lazy("admin:advisors_advisorcontract_coverage"),
                "fazhi.advisors.access.can_open_chain",
            ),
        ],
    ),
    (
        "复议应诉",
        [
            _item(
                "行政复议案件",
                "gavel",
                reverse_lazy("admin:reconsideration_reconsiderationcase_changelist"),
                "fazhi.reconsideration.admin.can_open_register",
            ),
            _item(
                "复议意见书跟踪",
                "mark_email_read",
                reverse_lazy("admin:reconsideration_opinionletter_changelist"),
                "fazhi.reconsideration.admin.is_recon_officer",
            ),
            _item(
                "行政诉讼案件",
                "balance",
                reverse_lazy("admin:litigation_lawsuit_changelist"),
                "fazhi.reconsideration.admin.can_open_register",
            ),
            _item(
                "复议应诉统计",
                "monitoring",
                reverse_lazy("admin:reconsideration_statistics"),
                "fazhi.reconsideration.admin.can_open_register",
            ),
            _item(
                "文书模板",
                "description",
                reverse_lazy("admin:reconsideration_documenttemplate_changelist"),
                "fazhi.reconsideration.admin.is_recon_officer",
            ),
            _item(
                "台账导入",
                "upload_file",
                reverse_lazy("admin:reconsideration_ledger_import"),
                "fazhi.reconsideration.admin.is_recon_officer",
            ),
            _item(
                "复议案号格式",
                "tag",
                reverse_lazy("admin:reconsideration_casenumbercounter_changelist"),
                "fazhi.reconsideration.admin.is_recon_officer",
            ),
        ],
    ),
    # No register yet: their figures come in through statistical returns (统计填报).
    (
        "行政执法",
        [
            _item(
                "执法工作数据",
                "gavel",
                "/indicators/?domain=行政执法",
                "fazhi.indicators.views.can_read_indicators",
            )
        ],
    ),
    (
        "公共法律服务",
        [
            _item(
                "公共法律服务数据",
                "support_agent",
                "/indicators/?domain=公共法律服务",
                "fazhi.indicators.views.can_read_indicators",
            )
        ],
    ),
    (
        "统计与报告",
        [
            _item(
                "指标数据",
                "query_stats",
                reverse_lazy("indicators:values"),
                "fazhi.indicators.views.can_read_indicators",
            ),
            _item(
                "统计填报",
                "assignment",
                reverse_lazy("indicators:returns"),
                "fazhi.indicators.views.can_read_indicators",
            ),
            _item(
                "指标目录",
                "list_alt",
                reverse_lazy("indicators:catalog"),
                "fazhi.indicators.views.can_read_indicators",
            ),
            _item(
                "年度报告",
                "description",
                reverse_lazy("reports:index"),
                "fazhi.reports.views.can_use_reports",
            ),
        ],
    ),
    (
        "系统管理",
        [
            _item(
                "用户",
                "person",
                reverse_lazy("admin:core_user_changelist"),
                "fazhi.core.admin.can_manage_users",
            ),
            _item(
                "单位",
                "apartment",
                reverse_lazy("admin:core_unit_changelist"),
                "fazhi.core.admin.can_view_structure",
            ),
            _item(
                "行政区划",
                "map",
                reverse_lazy("admin:core_division_changelist"),
                "fazhi.core.admin.can_view_structure",
            ),
            _item(
                "访问审计日志",
                "policy",
                reverse_lazy("admin:core_accessevent_changelist"),
                "fazhi.core.admin.can_read_audit",
            ),
            _item(
                "放假安排日历",
                "calendar_month",
                reverse_lazy("admin:deadlines_calendarversion_changelist"),
                "fazhi.deadlines.admin.can_manage_calendar",
            ),
            _item(
                "期限规则调整",
                "rule",
                reverse_lazy("admin:deadlines_ruleoverride_changelist"),
                "fazhi.deadlines.admin.can_manage_calendar",
            ),
        ],
    ),
]


def sidebar_navigation(request=None):
    return [
        {"title": title, "separator": True, "collapsible": False, "items": items}
        for title, items in SIDEBAR_GROUPS
        if items
    ]


UNFOLD = {
    "SITE_TITLE": "法治政府建设综合管理平台",
    "SITE_HEADER": "法治政府建设综合管理平台",
    "SITE_SUBHEADER": "依法治区办",
    "SITE_URL": "/",
    "SITE_SYMBOL": "balance",
    "SHOW_HISTORY": True,
    "SHOW_VIEW_ON_SITE": False,
    "DASHBOARD_CALLBACK": "fazhi.core.workbench.dashboard_callback",
    "SIDEBAR": {
        "show_search": False,
        "show_all_applications": False,
        "navigation": sidebar_navigation,
    },
}
