"""Date and number formats of the platform (FORMAT_MODULE_PATH), per language.

One rule for every page: a date in running text reads 2024年10月16日 (`{{ d|date }}`,
DATE_FORMAT), a date in a table reads 2024-10-16 (`{{ d|date:"SHORT_DATE_FORMAT" }}`), and a
form accepts the styles officials type (2024-10-16, 2024/10/16, 2024.10.16, 2024年10月16日).
"""
