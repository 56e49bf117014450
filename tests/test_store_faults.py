"""Integrity on open, and a fresh data folder on a full or read-only disk: clear messages, real faults.

A store with corrupt pages is refused before anything is written to it; a 0-byte store is refused,
never silently replaced by a new empty one; a fresh folder on a full disk or a read-only file system
gives one clear line and no traceback (no thread's either). The disk faults are real where the
machine allows: a tmpfs that is full or mounted read-only (as root), else a file-size limit and
a folder without write permission.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

MESSAGE = "I want to lead the platform team one day\n"


def chat(home: Path, *, preexec: object = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COACH_HOME=str(home), COACH_BACKEND="offline")
    return subprocess.run([sys.executable, "-m", "coach", "chat", "--script", "-", "--json"], env=env,
                          input=MESSAGE, text=True, capture_output=True, timeout=240,
                          preexec_fn=preexec)  # type: ignore[arg-type]


def assert_one_clear_line(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and "Exception in thread" not in proc.stderr, proc.stderr
    err = proc.stderr.strip()
    assert err.startswith("Error: ") and len(err.splitlines()) <= 2, err
    low = err.lower()
    assert any(w in low for w in words), err


def _mount(kind: str) -> Iterator[Path]:
    """A tmpfs at a temporary mount point: 'full' (64 KiB, filled up) or 'ro' (read-only)."""
    point = Path(f"/tmp/bedrock-{kind}-{uuid.uuid4().hex[:8]}")
    point.mkdir()
    opts = "size=64k" if kind == "full" else "ro,size=64k"
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(point)], capture_output=True)
    if done.returncode != 0:
        point.rmdir()
        raise OSError(done.stderr.decode())
    try:
        if kind == "full":
            with open(point / "filler", "wb") as f:
                try:
                    while True:
                        f.write(b"\0" * 4096)
                        f.flush()
                except OSError:
                    pass  # full
        yield point
    finally:
        subprocess.run(["umount", str(point)], capture_output=True)
        point.rmdir()


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[tuple[Path, object]]:
    """(a folder on a full disk, a preexec hook): a full tmpfs as root, else a 0-byte file-size limit."""
    if os.geteuid() == 0 and shutil.which("mount"):
        try:
            gen = _mount("full")
            point = next(gen)
        except OSError:
            pass
        else:
            yield point, None
            next(gen, None)
            return

    def limit() -> None:  # writes beyond 0 bytes fail with EFBIG, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))

    yield tmp_path, limit


@pytest.fixture
def nearly_full_disk() -> Iterator[Path]:
    """A 2 MiB tmpfs with about 500 KB left: the SQLite store fits, the vector store does not."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount a small tmpfs (a real disk that fills up)")
    point = Path(f"/tmp/bedrock-small-{uuid.uuid4().hex[:8]}")
    point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point)]).returncode != 0:
        point.rmdir()
        pytest.skip("cannot mount a tmpfs here")
    try:
        with open(point / "filler", "wb") as f:
            while os.statvfs(point).f_bavail * os.statvfs(point).f_frsize > 500_000:
                f.write(b"\0" * 4096)
                f.flush()
        yield point
    finally:
        subprocess.run(["umount", str(point)], capture_output=True)
        point.rmdir()


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() == 0 and shutil.which("mount"):
        try:
            gen = _mount("ro")
            point = next(gen)
        except OSError:
            pass
        else:
            yield point
            next(gen, None)
            return
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


@pytest.mark.slow
def test_a_store_with_corrupt_pages_is_refused_and_left_untouched(coach_home: Path) -> None:
    for _ in range(3):
        assert chat(coach_home).returncode == 0
    db = coach_home / "bedrock.sqlite3"
    import sqlite3

    conn = sqlite3.connect(db)
    # A table a chat never writes to: a damaged page there used to go unnoticed while new words
    # were written beside it.
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'bank'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    start = (root - 1) * size  # the schema (page 1) stays readable
    data[start:start + size] = os.urandom(size)
    db.write_bytes(bytes(data))
    before = db.read_bytes()
    proc = chat(coach_home)
    assert_one_clear_line(proc, "damaged", "corrupt")
    assert str(db) in proc.stderr
    assert db.read_bytes() == before  # nothing was written into the damaged file


@pytest.mark.slow
def test_a_zero_byte_store_is_refused_not_replaced(coach_home: Path) -> None:
    assert chat(coach_home).returncode == 0
    db = coach_home / "bedrock.sqlite3"
    for extra in ("-wal", "-shm"):
        Path(str(db) + extra).unlink(missing_ok=True)
    db.write_bytes(b"")  # truncated: a crash, a bad copy, a sync client
    proc = chat(coach_home)
    assert_one_clear_line(proc, "empty (0 bytes)")
    assert db.stat().st_size == 0  # still the mentee's file to recover, not a new empty store


def test_a_fresh_folder_on_a_full_disk(full_disk: tuple[Path, object]) -> None:
    folder, preexec = full_disk
    proc = chat(folder / "coach-home", preexec=preexec)
    assert_one_clear_line(proc, "disk is full", "disk may be full", "free some space")


def test_a_fresh_folder_on_a_read_only_file_system(read_only: Path) -> None:
    proc = chat(read_only / "coach-home")
    assert_one_clear_line(proc, "writable", "read-only", "cannot create")


@pytest.mark.slow
def test_a_disk_that_fills_under_the_vector_store(nearly_full_disk: Path) -> None:
    """The chat goes on without the search index (no thread traceback); a search says why."""
    home = nearly_full_disk / "coach-home"
    env = dict(os.environ, COACH_HOME=str(home), COACH_BACKEND="offline")
    proc = subprocess.run([sys.executable, "-m", "coach", "chat", "--share", "private"], env=env,
                          input="I love hard problems\n/quit\n", text=True, capture_output=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception in thread" not in proc.stderr, proc.stderr
    assert "Saved as session" in proc.stdout
    search = subprocess.run([sys.executable, "-m", "coach", "search", "hard problems"], env=env, text=True,
                            capture_output=True, timeout=240)
    assert_one_clear_line(search, "disk is full")
