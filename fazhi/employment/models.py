"""Employment services (就业服务): job fairs and livestream fairs (直播带岗), the employers and
positions they offered (imported from the recruitment platform's list), and their tallies."""

import pghistory
from django.db import models
from django.db.models import Q

from fazhi.core.models import UnitOwned


class FairKind(models.TextChoices):
    ONSITE = "onsite", "线下招聘会"
    ONLINE = "online", "线上招聘会"
    LIVESTREAM = "livestream", "直播带岗"


JOB_FAIR_KINDS = (FairKind.ONSITE, FairKind.ONLINE)


@pghistory.track()
class JobFair(UnitOwned):
    """One fair: when, by whom, and what came of it (applicants, matches, leaflets)."""

    name = models.CharField("名称", max_length=200)
    kind = models.CharField("形式", max_length=16, choices=FairKind.choices)
    held_on = models.DateField("举办日期")
    organiser = models.CharField("主办单位", max_length=200)
    venue = models.CharField("地点或平台", max_length=200, blank=True)
    applicants = models.PositiveIntegerField("求职者人次", default=0)
    matches = models.PositiveIntegerField("达成意向人数", default=0)
    leaflets = models.PositiveIntegerField("发放宣传资料（份）", default=0)
    views = models.PositiveIntegerField("直播观看人次", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "招聘会"
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="jobfair_unique_name"),
            models.CheckConstraint(
                condition=Q(matches__lte=models.F("applicants")) | Q(applicants=0),
                name="jobfair_matches_within_applicants",
                violation_error_message="达成意向人数不能多于求职者人次。",
            ),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class FairEmployer(UnitOwned):
    """An employer's participation in one fair."""

    fair = models.ForeignKey(
        JobFair, verbose_name="招聘会", on_delete=models.CASCADE, related_name="employers"
    )
    name = models.CharField("企业名称", max_length=200)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "参会企业"
        ordering = ["fair", "name"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "name"], name="fairemployer_unique"),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class FairPosition(UnitOwned):
    """A position an employer offered at a fair, with the number of openings."""

    employer = models.ForeignKey(
        FairEmployer, verbose_name="企业", on_delete=models.CASCADE, related_name="positions"
    )
    title = models.CharField("岗位名称", max_length=100)
    openings = models.PositiveIntegerField("招聘人数")

    class Meta:
        verbose_name = verbose_name_plural = "招聘岗位"
        ordering = ["employer", "title"]

    def __str__(self) -> str:
        return f"{self.title}（{self.openings}人）"
