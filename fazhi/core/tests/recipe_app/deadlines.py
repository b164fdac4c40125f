from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

register_rules(
    [
        PeriodRule(
            code="recipe_app.publication",
            name="公示期限",
            length=5,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政许可法》第四十四条",
        )
    ]
)
