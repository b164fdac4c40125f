"""Optional PDF export: the .docx converted by LibreOffice headless with the shipped font mapping.

The proprietary 公文 fonts are mapped to free CJK fonts by `fonts/fonts.conf` (passed as
FONTCONFIG_FILE). Where LibreOffice is not installed the export says so in Chinese; the .docx
export does not need it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError

FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "fonts.conf"
TIMEOUT_SECONDS = 120
NOT_INSTALLED = (
    "服务器未安装 LibreOffice（找不到 soffice 命令），无法导出 PDF。"
    "请导出 Word（.docx）文件，或请系统管理员安装 libreoffice-writer-nogui 及中文字体"
    "（fonts-noto-cjk、fonts-arphic-uming、fonts-arphic-ukai）。"
)


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise ValidationError(NOT_INSTALLED)
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as folder:
        work = Path(folder)
        source = work / "report.docx"
        source.write_bytes(docx)
        env = dict(os.environ)
        env["FONTCONFIG_FILE"] = str(FONTS_CONF)
        env["HOME"] = str(work)  # a private LibreOffice profile: no clash with other conversions
        try:
            subprocess.run(  # noqa: S603 - fixed argument list, no shell, our own temp files
                [
                    soffice,
                    f"-env:UserInstallation=file://{work / 'profile'}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                env=env,
            )
        except subprocess.TimeoutExpired as exc:
            raise ValidationError(
                "LibreOffice 转换 PDF 超时，请稍后重试或导出 Word 文件。"
            ) from exc
        except subprocess.CalledProcessError as exc:
            detail = (exc.stderr or b"").decode("utf-8", "replace")[-300:]
            raise ValidationError(f"LibreOffice 转换 PDF 失败：{detail}") from exc
        target = work / "report.pdf"
        if not target.exists():
            raise ValidationError("LibreOffice 未生成 PDF 文件，请导出 Word 文件。")
        return target.read_bytes()
