"""The back office's look. The sidebar is built from every app's `menu.py` (fazhi.core.plugins)."""

from fazhi.core.plugins import sidebar_navigation

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
