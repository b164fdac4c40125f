from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "fazhi.meetings"
    label = "meetings"
    verbose_name = "政府常务会议"
