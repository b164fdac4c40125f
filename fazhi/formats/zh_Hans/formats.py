"""zh_Hans formats (Django's own, with tables in ISO form and the input styles officials use).

The *_FORMAT strings use Django's date format syntax; *_INPUT_FORMATS use strftime syntax
(the first one is how a form shows a date back: 2024-10-16).
"""

DATE_FORMAT = "Y年n月j日"  # text: 2024年10月16日
SHORT_DATE_FORMAT = "Y-m-d"  # tables: 2024-10-16
DATETIME_FORMAT = "Y年n月j日 H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
FIRST_DAY_OF_WEEK = 1  # 星期一

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2024-10-16 (how a form shows a date)
    "%Y/%m/%d",  # 2024/10/16, 2024/5/20
    "%Y.%m.%d",  # 2024.10.16, 2024.5.20
    "%Y年%m月%d日",  # 2024年10月16日, 2024年5月20日
    "%Y%m%d",  # 20241016
]
DATETIME_INPUT_FORMATS = [
    f"{date} {time}"
    for date in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")
    for time in ("%H:%M", "%H:%M:%S")
] + DATE_INPUT_FORMATS
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ""
NUMBER_GROUPING = 4
