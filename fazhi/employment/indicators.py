"""Indicators of employment services (seed 一(二)): job fairs and livestream fairs, their
employers, positions, matches and leaflets, from the fairs' records."""

from fazhi.employment.models import JOB_FAIR_KINDS, FairEmployer, FairKind, FairPosition, JobFair
from fazhi.indicators.registry import Kind, Summed, computed

DOMAIN = "就业服务"


def _fairs(scope, kinds):
    return JobFair.objects.filter(
        unit__in=scope.units, kind__in=kinds, held_on__range=(scope.start, scope.end)
    )


def _register(count_code: str, prefix: str, kinds, label: str, *, matches: bool) -> None:
    @computed(code=f"employment.{count_code}", name=label, domain=DOMAIN, measure="场",
              formula=f"年度内举办的{label}场数")  # fmt: skip
    def fairs(scope):
        return _fairs(scope, kinds)

    @computed(code=f"employment.{prefix}_employers", name=f"{label}参会企业", domain=DOMAIN,
              measure="家", formula=f"年度内各场{label}参会企业数之和（一家企业参加多场，各计一次）")  # fmt: skip
    def employers(scope):
        return FairEmployer.objects.filter(fair__in=_fairs(scope, kinds))

    @computed(code=f"employment.{prefix}_positions", name=f"{label}提供岗位", domain=DOMAIN,
              measure="个", kind=Kind.SUM, formula=f"年度内各场{label}各岗位招聘人数之和")  # fmt: skip
    def positions(scope):
        return Summed(
            FairPosition.objects.filter(employer__fair__in=_fairs(scope, kinds)), "openings"
        )

    if matches:

        @computed(code=f"employment.{prefix}_matches", name=f"{label}达成就业意向", domain=DOMAIN,
                  measure="人", kind=Kind.SUM, formula=f"年度内各场{label}达成就业意向人数之和")  # fmt: skip
        def matched(scope):
            return Summed(_fairs(scope, kinds), "matches")

        @computed(code=f"employment.{prefix}_leaflets", name=f"{label}发放宣传资料", domain=DOMAIN,
                  measure="份", kind=Kind.SUM, approximate=4,
                  formula=f"年度内各场{label}发放宣传资料份数之和（报告显示为“N余”）")  # fmt: skip
        def leaflets(scope):
            return Summed(_fairs(scope, kinds), "leaflets")


_register("job_fairs", "job_fair", JOB_FAIR_KINDS, "招聘会", matches=True)
_register("livestream_fairs", "livestream", (FairKind.LIVESTREAM,), "直播带岗", matches=False)
