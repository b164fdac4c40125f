"""The English-label walk: what a signed-in official sees must be Chinese.

`visible_texts(page)` collects every visible text node of a page (plus placeholders, tooltips,
button values and the options of visible drop-downs); `label_problems(texts)` names the ones
that are English (ASCII letters only, outside a short allow-list) or that show an internal code
(an indicator code such as `reconsideration.corrected`, a template key `{{…}}`, a rule code such
as `(L4)`, a template section key such as `preamble`). `walk_menu(page)` opens every page of the
signed-in persona's sidebar, with its filter panel open, one change form and one add form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Words an official reads as they are (file formats, the authenticator, identifiers).
ALLOWED_WORDS = frozenset(
    {"Excel", "PDF", "OTP", "TOTP", "ID", "URL", "PNG", "xlsx", "docx", "pdf", "csv", "png"}
)

_COLLECT = """
() => {
  const shown = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const ignored = (el) => el.closest(
    '.material-symbols-outlined, script, style, noscript, svg, template, [data-label-check=skip]'
  );
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || ignored(el) || !shown(el)) continue;
    texts.push(text);
  }
  for (const el of document.querySelectorAll(
      '[placeholder], [title], input[type=submit], input[type=button], select')) {
    if (ignored(el) || !shown(el)) continue;
    for (const attr of ['placeholder', 'title']) {
      const value = (el.getAttribute(attr) || '').trim();
      if (value) texts.push(value);
    }
    if (el.matches('input[type=submit], input[type=button]') && el.value) texts.push(el.value);
    if (el.tagName === 'SELECT') {
      for (const option of el.options) if (option.text.trim()) texts.push(option.text.trim());
    }
  }
  return texts;
}
"""

_WORD = re.compile(r"[A-Za-z]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CODE_PATTERNS = (
    (
        re.compile(r"\b[a-z][a-z0-9_]*\.(?!(?:xlsx|docx|pdf|csv|png)\b)[a-z][a-z0-9_]+\b"),
        "内部代码",
    ),
    (re.compile(r"\{\{|\}\}|\{%|%\}"), "模板标记"),
    (re.compile(r"[（(]\s*[A-Z]{1,2}\d{1,2}[a-z]?\s*[)）]"), "规则代码"),
    (re.compile(r"\b(preamble|closing|None|null|True|False)\b"), "内部键名"),
)
# A text node may be a file name or an address the user typed (data, not a label).
_DATA = re.compile(
    r"^[\w\-. ]+\.(xlsx|docx|pdf|csv|png)$"  # a file name
    r"|^https?://|^[\w.+-]+@[\w-]+\.[\w.]+$"  # an address
    r"|^(?=.*\d)[A-Z0-9][A-Z0-9\-/]*$"  # a document number such as ZXDR-2022-00014
    r"|^Mozilla/"  # a browser's self-description in the access log
    r"|^[0-9a-f]{40,}$"  # a digest (the access log's hash chain)
)


def visible_texts(page) -> list[str]:
    return page.evaluate(_COLLECT)


def label_problems(texts, *, data_values=()) -> list[str]:
    """The texts a user must not see, each with the reason; `data_values` are the records'
    own values the test created (user names), which may be ASCII."""
    allowed = ALLOWED_WORDS | set(data_values) | {v[:1].upper() for v in data_values}
    problems = []
    for text in dict.fromkeys(texts):
        if text in allowed or _DATA.match(text):
            continue
        for pattern, reason in _CODE_PATTERNS:
            if pattern.search(text):
                problems.append(f"{reason}：{text[:120]!r}")
                break
        else:
            words = [w for w in _WORD.findall(text) if w not in allowed]
            if words and not _CJK.search(text):
                problems.append(f"英文：{text[:120]!r}")
    return problems


@dataclass
class Walk:
    """What a persona's walk saw: the menu, the pages opened and what was wrong on each."""

    menu: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)

    def report(self) -> str:
        return "\n".join(f"{url}\n  " + "\n  ".join(found) for url, found in self.problems.items())


def sidebar_links(page) -> list[tuple[str, str]]:
    anchors = page.locator("#nav-sidebar-apps ol li a")
    return [
        (anchors.nth(i).inner_text().strip(), anchors.nth(i).get_attribute("href"))
        for i in range(anchors.count())
    ]


def _check(page, walk: Walk, data_values, shots=None) -> None:
    url = page.url
    walk.pages.append(url)
    found = label_problems(visible_texts(page), data_values=data_values)
    if found:
        walk.problems[url] = found
    if shots is not None:
        shots(page)


def _open_filters(page) -> None:
    button = page.locator("a.filter-open-button")
    if button.count():
        button.first.click()
        page.wait_for_timeout(150)


def walk_menu(page, *, data_values=(), screenshot=None) -> Walk:
    """Open every sidebar page of the signed-in user, with the filter panel open; on admin
    lists also the first record's form and the add form (where the user may add)."""
    walk = Walk()
    page.goto(f"{page.base_url}/admin/")
    links = sidebar_links(page)
    walk.menu = [title for title, _ in links]
    forms: list[str] = []
    for _, href in links:
        page.goto(page.base_url + href)
        _open_filters(page)
        _check(page, walk, data_values, screenshot)
        if "/admin/" in href and href.rstrip("/").count("/") >= 3:
            first = page.locator("#result_list tbody tr th a, #result_list tbody tr td a").first
            if first.count():
                forms.append(first.get_attribute("href"))
            add = page.locator(f"a[href='{href.split('?')[0]}add/']")
            if add.count():
                forms.append(add.first.get_attribute("href"))
    for href in dict.fromkeys(forms):
        page.goto(page.base_url + href if href.startswith("/") else href)
        _check(page, walk, data_values, screenshot)
    return walk
