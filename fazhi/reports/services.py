"""Writes: outline templates, reports and their versions, problems, duties, exports, departments' reports.

Every function is keyword-only, atomic, checks its guard (workflow.py) and refuses bad input with a
Chinese `ValidationError` before anything is stored.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind, Unit, UnitKind
from fazhi.deadlines.services import clock_close, clock_start, compute_due
from fazhi.indicators.catalog import all_specs
from fazhi.reports import deadlines as rules
from fazhi.reports import workflow
from fazhi.reports.assemble import FigureSource, build, problem_records
from fazhi.reports.drafting import draft_sections, section_dicts
from fazhi.reports.gongwen import render_docx
from fazhi.reports.models import (
    REQUIRED_KINDS,
    DutyKind,
    ProblemItem,
    ProblemState,
    Report,
    ReportExport,
    ReportingDuty,
    ReportTemplate,
    ReportVersion,
    SectionKind,
    TemplateSection,
)
from fazhi.reports.outline import DEPARTMENT_OUTLINE, GOVERNMENT_OUTLINE
from fazhi.reports.pdf import docx_to_pdf
from fazhi.reports.placeholders import validate_text
from fazhi.reports.problems import is_compliance, proposals
from fazhi.reports.snapshot import changes, take
from fazhi.reports.source import PlaceholderCheck

MAX_UPLOAD = 20 * 1024 * 1024
UPLOAD_TYPES = {".docx": b"PK\x03\x04", ".pdf": b"%PDF", ".doc": b"\xd0\xcf\x11\xe0", ".ofd": b"PK"}


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _validate_year(year: int) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": "年度须为四位数字，如 2024。"}) from None
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year:
        raise ValidationError(
            {"year": f"年度须在 2000 至 {this_year} 之间（不能为尚未开始的年度）。"}
        )
    return year


# --- templates -------------------------------------------------------------------------------
def office_for(unit: Unit) -> Unit:
    """The 依法治区办 whose division covers `unit` (nearest first), else the unit itself."""
    offices = Unit.objects.filter(is_rule_of_law_office=True).select_related("division")
    covering = [o for o in offices if unit.division.path.startswith(o.division.path)]
    covering.sort(key=lambda o: len(o.division.path), reverse=True)
    return covering[0] if covering else unit


@transaction.atomic
def template_create_default(*, office: Unit, body_kind: str) -> ReportTemplate:
    """The seed's outline as an editable template (one default per office and kind of body)."""
    existing = ReportTemplate.objects.filter(unit=office, body_kind=body_kind, is_default=True)
    if existing.exists():
        return existing.get()
    outline = (
        GOVERNMENT_OUTLINE
        if body_kind == ReportTemplate.BodyKind.GOVERNMENT
        else DEPARTMENT_OUTLINE
    )
    label = ReportTemplate.BodyKind(body_kind).label
    template = ReportTemplate.objects.create(
        unit=office,
        name=f"{label}法治政府建设年度报告（默认提纲）",
        body_kind=body_kind,
        is_default=True,
    )
    for order, spec in enumerate(outline, start=1):
        TemplateSection.objects.create(
            template=template,
            key=spec.key,
            order=order * 10,
            level=spec.level,
            kind=spec.kind,
            title=spec.title,
            required=spec.required,
            indicators=list(spec.indicators),
            body=spec.body,
        )
    return template


def template_for(unit: Unit) -> ReportTemplate:
    body_kind = (
        ReportTemplate.BodyKind.GOVERNMENT
        if unit.kind == UnitKind.GOVERNMENT
        else ReportTemplate.BodyKind.DEPARTMENT
    )
    office = office_for(unit)
    return template_create_default(office=office, body_kind=body_kind)


def validate_outline(sections: list[dict], known: dict) -> None:
    """An outline keeps R3's required contents; every indicator and placeholder must exist."""
    errors = []
    kinds = {s.get("kind") for s in sections}
    for kind in REQUIRED_KINDS:
        if kind not in kinds:
            errors.append(f"提纲缺少必备内容“{SectionKind(kind).label}”（督察工作规定，R3）。")
    keys = [s.get("key") for s in sections]
    if len(set(keys)) != len(keys):
        errors.append("章节代码不能重复。")
    for section in sections:
        where = section.get("title") or SectionKind(section["kind"]).label
        unknown = [c for c in section.get("indicators") or [] if c not in known]
        if unknown:
            errors.append(f"“{where}”选用的指标不存在：{'、'.join(unknown)}。")
        try:
            validate_text(section.get("body") or "", known, where=where)
            validate_text(section.get("title") or "", known, where=where)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)


# --- reports ---------------------------------------------------------------------------------
def _recipients(unit: Unit) -> list[str]:
    """Who receives the report (督察工作规定 23-25 as restated, docs/rules.md R2)."""
    district = unit.division
    city = district.parent
    local = f"{city.name}{district.name}" if city else district.name
    if unit.kind == UnitKind.GOVERNMENT:
        recipients = [f"中共{local}委员会", f"{local}人民代表大会常务委员会"]
        if city is not None:
            recipients.append(f"中共{city.name}委员会、{city.name}人民政府")
        return recipients
    return [
        f"中共{local}委员会、{local}人民政府",
        "上一级政府对口主管部门（抄送区委全面依法治区委员会办公室）",
    ]


def _open_duty(report: Report, kind: str, recipient: str, rule_code: str) -> ReportingDuty:
    trigger = date(report.year + 1, 1, 1)
    due = compute_due(rule_code, trigger)
    duty = ReportingDuty(
        unit=report.unit,
        report=report,
        kind=kind,
        recipient=recipient,
        rule_code=rule_code,
        due_date=due.due_date,
        due_explanation=due.explanation,
    )
    duty.full_clean()
    duty.save()
    duty.clock = clock_start(
        rule_code=rule_code,
        trigger_date=trigger,
        subject=duty,
        unit=report.unit,
        label=f"{report.unit}{report.year}年度法治政府建设年度报告{duty.get_kind_display()}（{recipient}）",
    )
    duty.save(update_fields=["clock"])
    return duty


def _open_duties(report: Report) -> list[ReportingDuty]:
    submission = (
        rules.GOVERNMENT_SUBMISSION
        if report.unit.kind == UnitKind.GOVERNMENT
        else rules.DEPARTMENT_SUBMISSION
    )
    duties = [_open_duty(report, DutyKind.SUBMIT, r, submission) for r in _recipients(report.unit)]
    channel = "政府门户网站" if report.unit.kind == UnitKind.GOVERNMENT else "政府网站或部门网站"
    duties.append(_open_duty(report, DutyKind.PUBLISH, channel, rules.PUBLICATION))
    return duties


def _new_version(report: Report, sections, *, actor, changed, note) -> ReportVersion:
    last = report.versions.order_by("-number").first()
    version = ReportVersion(
        report=report,
        number=(last.number + 1) if last else 1,
        sections=sections,
        changed=changed,
        note=note[:200],
        created_by=actor if actor is not None and actor.pk else None,
    )
    version.full_clean()
    version.save()
    return version


def _draft(report: Report, source: FigureSource) -> list[dict]:
    template = report.template or template_for(report.unit)
    sections = section_dicts(template.sections.order_by("order", "pk"))
    groups = list(
        dict.fromkeys(
            p.group for p in report.problems.order_by("order") if p.state != ProblemState.DROPPED
        )
    )
    return draft_sections(sections, source, problem_groups=groups)


@transaction.atomic
def report_create(
    *, actor, unit: Unit, year: int, template: ReportTemplate | None = None, signed_on=None
) -> Report:
    """Open a body's report for a year: duties with their deadlines, proposed problems, a first draft."""
    _require(workflow.may_draft(actor, unit), f"无权起草{unit}的年度报告。")
    year = _validate_year(year)
    if Report.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(f"{unit}{year}年度法治政府建设年度报告已存在，请直接打开编辑。")
    report = Report(
        unit=unit,
        year=year,
        template=template or template_for(unit),
        created_by=actor if actor is not None and actor.pk else None,
        signed_on=signed_on,
    )
    report.full_clean()
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError(f"{unit}{year}年度法治政府建设年度报告已存在。") from None
    _open_duties(report)
    _first_draft(report, actor)
    return report


def _first_draft(report: Report, actor) -> ReportVersion:
    source = FigureSource(report.unit, report.year, user=_reader(actor))
    _propose(report, source)
    return _new_version(
        report,
        _draft(report, source),
        actor=actor,
        changed=[{"key": "*", "what": "平台按提纲和数据生成初稿"}],
        note="平台生成初稿",
    )


@transaction.atomic
def report_draft_here(*, actor, report: Report) -> Report:
    """A department whose report is awaited drafts it here with the same machinery."""
    _require(workflow.may_edit(actor, report), f"无权起草{report.unit}的年度报告。")
    if report.source == Report.Source.DRAFTED:
        return report
    if report.source == Report.Source.UPLOADED:
        raise ValidationError("该报告已上传文件；如需在平台起草，请先与依法治区办联系撤回上传。")
    report.source = Report.Source.DRAFTED
    report.template = report.template or template_for(report.unit)
    report.save(update_fields=["source", "template"])
    _first_draft(report, actor)
    return report


def _reader(actor):
    """Figures are read with the actor's visibility (provenance lists only what they may see)."""
    return actor if actor is not None and actor.pk else None


@transaction.atomic
def report_redraft(*, actor, report: Report) -> ReportVersion:
    """Regenerate the whole text from the outline and today's data (a new version; old ones stay)."""
    _require(workflow.may_edit(actor, report), "无权修改该年度报告。")
    source = FigureSource(report.unit, report.year, user=_reader(actor))
    return _new_version(
        report,
        _draft(report, source),
        actor=actor,
        changed=[{"key": "*", "what": "按提纲和最新数据重新生成初稿"}],
        note="重新生成初稿",
    )


def _known() -> dict:
    return all_specs()


@transaction.atomic
def report_section_save(
    *, actor, report: Report, key: str, body: str, title: str | None = None, note: str = ""
) -> ReportVersion:
    """Save one section's prose (and title) as a new version, recording who changed what."""
    _require(workflow.may_edit(actor, report), "无权修改该年度报告。")
    report = Report.objects.select_for_update().get(pk=report.pk)
    current = report.latest_version()
    sections = [dict(s) for s in (current.sections if current else [])]
    section = next((s for s in sections if s["key"] == key), None)
    if section is None:
        raise ValidationError(f"报告中没有章节“{key}”。")
    body = (body or "").replace("\r\n", "\n").strip()
    new_title = section.get("title", "") if title is None else title.strip()
    where = new_title or SectionKind(section["kind"]).label
    if section.get("required", True) and not body and not _has_children(sections, key):
        raise ValidationError(
            f"“{where}”是年度报告的必备内容（督察工作规定，R3），不能为空；请填写后再保存。"
        )
    if section.get("level", 1) > 0 and not new_title:
        raise ValidationError("章节标题不能为空。")
    known, check = _known(), PlaceholderCheck(report.unit, report.year)
    validate_text(body, known, where=where, check=check)
    validate_text(new_title, known, where=where, check=check)
    what = []
    if body != (section.get("body") or ""):
        what.append("修改正文")
    if new_title != (section.get("title") or ""):
        what.append(f"标题由“{section.get('title')}”改为“{new_title}”")
    if not what:
        raise ValidationError("内容没有变化，未保存新版本。")
    section["body"], section["title"] = body, new_title
    return _new_version(
        report,
        sections,
        actor=actor,
        changed=[{"key": key, "title": new_title, "what": "；".join(what)}],
        note=note or f"修改“{where}”",
    )


@transaction.atomic
def report_sections_replace(
    *, actor, report: Report, bodies: dict[str, str], note: str = ""
) -> ReportVersion:
    """Save several sections' prose at once (e.g. a whole text pasted in) as one new version."""
    _require(workflow.may_edit(actor, report), "无权修改该年度报告。")
    report = Report.objects.select_for_update().get(pk=report.pk)
    sections = [dict(s) for s in report.latest_version().sections]
    by_key = {s["key"]: s for s in sections}
    unknown = [k for k in bodies if k not in by_key]
    if unknown:
        raise ValidationError(f"报告中没有这些章节：{'、'.join(unknown)}。")
    known, changed = _known(), []
    check = PlaceholderCheck(report.unit, report.year)
    for key, body in bodies.items():
        section = by_key[key]
        body = (body or "").replace("\r\n", "\n").strip()
        where = section.get("title") or SectionKind(section["kind"]).label
        if section.get("required", True) and not body and not _has_children(sections, key):
            raise ValidationError(f"“{where}”是年度报告的必备内容，不能为空。")
        validate_text(body, known, where=where, check=check)
        if body != (section.get("body") or ""):
            section["body"] = body
            changed.append({"key": key, "title": section.get("title", ""), "what": "修改正文"})
    if not changed:
        raise ValidationError("内容没有变化，未保存新版本。")
    return _new_version(report, sections, actor=actor, changed=changed, note=note or "修改正文")


def _has_children(sections: list[dict], key: str) -> bool:
    index = next(i for i, s in enumerate(sections) if s["key"] == key)
    level = sections[index].get("level", 1)
    following = sections[index + 1 : index + 2]
    return bool(level and following and following[0].get("level", 1) > level)


@transaction.atomic
def report_section_add(
    *, actor, report: Report, after: str, title: str, level: int = 1, body: str = ""
) -> ReportVersion:
    """Add a section after `after` (an optional section of kind 其他 unless stated otherwise)."""
    _require(workflow.may_edit(actor, report), "无权修改该年度报告。")
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "新增章节须有标题。"})
    if level not in (1, 2):
        raise ValidationError({"level": "章节层级只能是 1（一、）或 2（（一））。"})
    validate_text(
        body or "", _known(), where=title, check=PlaceholderCheck(report.unit, report.year)
    )
    current = report.latest_version()
    sections = [dict(s) for s in current.sections]
    index = next((i for i, s in enumerate(sections) if s["key"] == after), None)
    if index is None:
        raise ValidationError(f"报告中没有章节“{after}”。")
    existing = {s["key"] for s in sections}
    number = 1
    while f"added-{number}" in existing:
        number += 1
    key = f"added-{number}"
    sections.insert(
        index + 1,
        {
            "key": key,
            "kind": SectionKind.OTHER,
            "level": level,
            "title": title,
            "required": False,
            "indicators": [],
            "body": (body or "").strip(),
        },
    )
    return _new_version(
        report,
        sections,
        actor=actor,
        changed=[{"key": key, "title": title, "what": "新增章节"}],
        note=f"新增“{title}”",
    )


@transaction.atomic
def report_section_remove(*, actor, report: Report, key: str) -> ReportVersion:
    _require(workflow.may_edit(actor, report), "无权修改该年度报告。")
    current = report.latest_version()
    sections = [dict(s) for s in current.sections]
    section = next((s for s in sections if s["key"] == key), None)
    if section is None:
        raise ValidationError(f"报告中没有章节“{key}”。")
    if section.get("required", True):
        raise ValidationError(
            f"“{section.get('title')}”是年度报告的必备内容（督察工作规定，R3），不能删除。"
        )
    sections.remove(section)
    return _new_version(
        report,
        sections,
        actor=actor,
        changed=[{"key": key, "title": section.get("title"), "what": "删除章节"}],
        note=f"删除“{section.get('title')}”",
    )


# --- problems --------------------------------------------------------------------------------
def _propose(report: Report, source: FigureSource) -> list[ProblemItem]:
    found = [f for f in source.compliance() if is_compliance(f)]
    items = []
    seen = set()
    for order, proposal in enumerate(proposals(found), start=1):
        seen.add(proposal.check_code)
        names = [u.name for u in proposal.units]
        item, created = ProblemItem.objects.get_or_create(
            report=report,
            check_code=proposal.check_code,
            defaults={
                "group": proposal.group,
                "order": order,
                "proposed_text": proposal.text,
                "unit_count": proposal.count,
                "unit_names": names,
                "annex_title": proposal.annex_title,
                "detail": proposal.detail,
            },
        )
        if not created:
            item.group, item.order = proposal.group, order
            item.proposed_text = proposal.text
            item.unit_count, item.unit_names = proposal.count, names
            item.annex_title, item.detail = proposal.annex_title, proposal.detail
            item.save()
        items.append(item)
    report.problems.filter(state=ProblemState.PROPOSED).exclude(check_code__in=seen).delete()
    return items


@transaction.atomic
def problems_propose(*, actor, report: Report) -> list[ProblemItem]:
    """Refresh the proposals from today's findings; decided problems keep their decision."""
    _require(workflow.may_edit(actor, report), "无权修改该年度报告。")
    return _propose(report, FigureSource(report.unit, report.year, user=_reader(actor)))


@transaction.atomic
def problem_decide(*, actor, problem: ProblemItem, decision: str, text: str = "") -> ProblemItem:
    """The office accepts, edits (with its own wording) or drops a proposed problem."""
    _require(
        workflow.may_decide_problems(actor, problem.report), "只有依法治区办可以确定存在的问题。"
    )
    if decision not in (ProblemState.ACCEPTED, ProblemState.EDITED, ProblemState.DROPPED):
        raise ValidationError("请选择采纳、修改后采纳或不采纳。")
    text = (text or "").strip()
    if decision == ProblemState.EDITED:
        if not text:
            raise ValidationError({"text": "修改后采纳须填写采用的表述。"})
        check = PlaceholderCheck(problem.report.unit, problem.report.year)
        validate_text(text, _known(), where="存在的问题", check=check)
    problem.state = decision
    problem.text = text if decision == ProblemState.EDITED else ""
    problem.decided_by = actor if actor is not None and actor.pk else None
    problem.decided_at = timezone.now()
    problem.full_clean()
    problem.save()
    return problem


# --- duties ----------------------------------------------------------------------------------
@transaction.atomic
def duty_add(*, actor, report: Report, kind: str, recipient: str) -> ReportingDuty:
    """Add a recipient (the defaults follow R2; Hunan practice may add others)."""
    _require(workflow.may_edit(actor, report), "无权修改该年度报告的报送对象。")
    recipient = (recipient or "").strip()
    if not recipient:
        raise ValidationError({"recipient": "请填写报送对象或公开渠道。"})
    if kind not in DutyKind.values:
        raise ValidationError({"kind": "义务只能是报送或向社会公开。"})
    if report.duties.filter(kind=kind, recipient=recipient).exists():
        raise ValidationError(f"已有对“{recipient}”的{DutyKind(kind).label}义务。")
    if kind == DutyKind.PUBLISH:
        rule = rules.PUBLICATION
    elif report.unit.kind == UnitKind.GOVERNMENT:
        rule = rules.GOVERNMENT_SUBMISSION
    else:
        rule = rules.DEPARTMENT_SUBMISSION
    return _open_duty(report, kind, recipient, rule)


@transaction.atomic
def duty_record(
    *, actor, duty: ReportingDuty, done_on: date, url: str = "", portal_entry: str = ""
) -> ReportingDuty:
    """Record the submission or the publication (date, and URL or portal entry); closes the clock."""
    _require(workflow.may_record_duty(actor, duty), "无权登记该报告的报送或公开情况。")
    duty = ReportingDuty.objects.select_for_update().get(pk=duty.pk)
    if duty.done_on is not None:
        raise ValidationError(f"该义务已于 {duty.done_on:%Y-%m-%d} 登记办结，不能重复登记。")
    if done_on is None:
        raise ValidationError({"done_on": "请填写报送或公开日期。"})
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": "报送或公开日期不能晚于今天。"})
    if done_on < date(duty.report.year, 1, 1):
        raise ValidationError({"done_on": "报送或公开日期不能早于报告年度。"})
    url, portal_entry = (url or "").strip(), (portal_entry or "").strip()
    if duty.kind == DutyKind.PUBLISH and not (url or portal_entry):
        raise ValidationError("登记公开须填写公开网址或门户网站栏目（督察工作规定第二十四条）。")
    duty.done_on, duty.url, duty.portal_entry = done_on, url, portal_entry
    duty.recorded_by = actor if actor is not None and actor.pk else None
    duty.recorded_at = timezone.now()
    duty.full_clean()
    duty.save()
    if duty.clock is not None and duty.clock.is_open:
        clock_close(clock=duty.clock, on=max(done_on, duty.clock.trigger_date))
    return duty


# --- freezing and export -------------------------------------------------------------------
class FiguresChanged(ValidationError):
    """Re-exporting a frozen version whose figures changed since: the office must confirm."""

    def __init__(self, version: ReportVersion, changes: list[dict]):
        self.version, self.changes = version, changes
        listed = "；".join(f"{c['label']}：{c['before']} → {c['after']}" for c in changes[:10])
        more = f"等 {len(changes)} 处" if len(changes) > 10 else f"共 {len(changes)} 处"
        number = version.number
        super().__init__(
            f"第{number}版定稿（导出）以来，数据已变化（{more}）：{listed}。"
            f"第{number}版保留原数字；确认后将以最新数据另存为新版本并导出。"
        )


def _freeze(version: ReportVersion, rendered, actor) -> ReportVersion:
    """Keep the numbers (with provenance), problems and checks the version shows now."""
    snapshot = take(rendered)
    snapshot["problems"] = problem_records(version.report)
    version.snapshot = snapshot
    version.frozen_at = timezone.now()
    version.frozen_by = actor if actor is not None and actor.pk else None
    version.save(update_fields=["snapshot", "frozen_at", "frozen_by"])
    return version


def _refrozen(report: Report, version: ReportVersion, actor) -> ReportVersion:
    """A copy of a frozen version's text as a new version, to be frozen with today's numbers."""
    return _new_version(
        report,
        version.sections,
        actor=actor,
        changed=[{"key": "*", "what": f"第{version.number}版定稿后数据变化，以最新数据重新定稿"}],
        note=f"以最新数据重新定稿（第{version.number}版保留原数字）",
    )


def _latest_live(report: Report, actor, *, confirm: bool):
    """The latest version rendered from today's data, frozen: a version frozen earlier whose
    numbers changed is kept and its text copied into a new version (only with `confirm`)."""
    version = report.latest_version()
    if version is None:
        raise ValidationError("该报告还没有任何版本，请先生成初稿。")
    rendered = build(report, user=_reader(actor), version=version, live=True)
    if rendered.errors:
        raise ValidationError([f"无法导出：{e.message}" for e in rendered.errors])
    if version.is_frozen:
        found = changes(version.snapshot, rendered)
        if found and not confirm:
            raise FiguresChanged(version, found)
        if found:
            version = _refrozen(report, version, actor)
            rendered = build(report, user=_reader(actor), version=version, live=True)
            _freeze(version, rendered, actor)
    else:
        _freeze(version, rendered, actor)
    return version, rendered


def pending_changes(report: Report, *, user=None) -> list[dict]:
    """What differs between the latest frozen version's numbers and today's data."""
    version = report.latest_version()
    if version is None or not version.is_frozen:
        return []
    return changes(version.snapshot, build(report, user=user, version=version, live=True))


@transaction.atomic
def report_freeze(*, actor, report: Report, confirm: bool = False) -> ReportVersion:
    """保存定稿: the latest version keeps the numbers it shows now, with their provenance."""
    _require(workflow.may_edit(actor, report), "无权修改该年度报告。")
    report = Report.objects.select_for_update().get(pk=report.pk)
    version, _rendered = _latest_live(report, actor, confirm=confirm)
    return version


@transaction.atomic
def report_export(
    *, actor, report: Report, fmt: str = ReportExport.Format.DOCX, confirm: bool = False
) -> ReportExport:
    """Export the latest version, frozen with the numbers it shows. Errors refuse the export;
    warnings are kept with it. A version exported (or frozen) before whose numbers changed since
    raises `FiguresChanged` listing the changes; with `confirm=True` its text is saved as a new
    version with today's numbers and exported, and the earlier version keeps its own."""
    _require(workflow.may_export(actor, report), "无权导出该年度报告。")
    if report.source == Report.Source.UPLOADED:
        raise ValidationError("该报告为上传文件，请直接下载上传的文件。")
    if fmt not in ReportExport.Format.values:
        raise ValidationError("导出格式只能是 docx 或 pdf。")
    report = Report.objects.select_for_update().get(pk=report.pk)
    version, rendered = _latest_live(report, actor, confirm=confirm)
    content = render_docx(rendered)
    if fmt == ReportExport.Format.PDF:
        content = docx_to_pdf(content)
    export = ReportExport(
        version=version,
        format=fmt,
        warnings=[w.as_dict() for w in rendered.warnings],
        figures=rendered.figures(),
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        content=content,
        created_by=actor if actor is not None and actor.pk else None,
    )
    export.full_clean(exclude=["content"])
    export.save()
    record_access_event(
        None,
        AccessEventKind.REPORT,
        user=actor if actor is not None and actor.pk else None,
        username="manage.py" if actor is None else "",
        obj=report,
        detail={"version": version.number, "format": fmt, "warnings": len(rendered.warnings)},
    )
    return export


# --- departments' own reports ----------------------------------------------------------------
@transaction.atomic
def department_reports_collect(*, actor, year: int, units=None) -> list[Report]:
    """Open the collection of the departments' reports on `year` (each with its duties)."""
    _require(workflow.may_collect(actor), "只有依法治区办可以征集各部门年度报告。")
    year = _validate_year(year)
    division = actor.unit.division if actor is not None and actor.unit_id else None
    if units is None:
        if division is None:
            raise ValidationError("请指定需报送年度报告的部门。")
        units = Unit.objects.in_subtree(division).filter(kind=UnitKind.DEPARTMENT, active=True)
    reports = []
    for unit in units:
        if unit.kind != UnitKind.DEPARTMENT:
            raise ValidationError(f"{unit}不是政府部门，不在部门年度报告征集范围内。")
        if division is not None and not unit.division.path.startswith(division.path):
            raise ValidationError(f"{unit}不在本辖区。")
        report = Report.objects.filter(unit=unit, year=year).first()
        if report is None:
            report = Report(
                unit=unit,
                year=year,
                source=Report.Source.AWAITED,
                created_by=actor if actor is not None and actor.pk else None,
            )
            report.full_clean()
            report.save()
            _open_duties(report)
        reports.append(report)
    return reports


@transaction.atomic
def department_report_upload(*, actor, report: Report, file_name: str, content: bytes) -> Report:
    """Store a department's report file (Word, PDF or OFD), checked by size and signature."""
    _require(workflow.may_edit(actor, report), "无权上传该部门的年度报告。")
    file_name = (file_name or "").strip()
    suffix = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix not in UPLOAD_TYPES:
        raise ValidationError("只能上传 Word（.docx/.doc）、PDF 或 OFD 文件。")
    if not content:
        raise ValidationError("上传的文件为空。")
    if len(content) > MAX_UPLOAD:
        raise ValidationError("文件超过 20 MB。")
    if not content.startswith(UPLOAD_TYPES[suffix]):
        raise ValidationError(f"文件内容与扩展名 {suffix} 不符。")
    report.source = Report.Source.UPLOADED
    report.file_name = file_name[:200]
    report.file_content = content
    report.uploaded_at = timezone.now()
    report.uploaded_by = actor if actor is not None and actor.pk else None
    report.save()
    return report
