"""No statutory period: the assessment follows the office's own 示范创建 timetable."""
