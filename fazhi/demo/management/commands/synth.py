from django.core.management.base import BaseCommand, CommandError

from fazhi.demo.synth import run_synth


class Command(BaseCommand):
    help = "生成合成规模数据（合成市，N 个区县 × Y 年），供基准测试使用。可重复执行（只补缺）。"

    def add_arguments(self, parser):
        parser.add_argument("--districts", type=int, default=10, help="区县数（默认 10）")
        parser.add_argument("--years", type=int, default=5, help="年数（默认 5）")
        parser.add_argument("--end-year", type=int, default=2024, help="最后一年（默认 2024）")
        parser.add_argument("--seed", type=int, default=20240101, help="随机种子")

    def handle(self, *args, **options):
        try:
            summary = run_synth(
                districts=options["districts"],
                years=options["years"],
                end_year=options["end_year"],
                seed=options["seed"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for line in summary:
            self.stdout.write(line)
