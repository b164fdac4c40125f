from fazhi.core.plugins import menu_entry

menu_entry("行政执法", "示例许可", "badge", "/recipe/permits/", order=5)
