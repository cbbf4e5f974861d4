"""One library, many processes: the real window, files handed to it, and CLI workers.

Shared by tests/reliability/test_multiprocess.py (a bounded run, nothing killed) and
bench/concurrency_soak.py (minutes, with random SIGKILLs of any process).

What runs, all on one library file in a temporary folder:

- the window: `python main.py --library L` under QT_QPA_PLATFORM=offscreen with its own
  settings file. It is up once a hand-over (tests/reliability/handover_launch.py, which never
  becomes a window itself) is acknowledged: the window listens only after its first frame.
- files handed to it, a few at a time: `python main.py --library L FILE...` (the later launch a
  user makes; the soak uses the hand-over helper instead, because a later launch that finds the
  window killed would open a window of its own). The window imports them through its worker
  processes. Every file holds a unique token, which ends its title.
- CLI workers, each a thread that runs one `main.py` command after another: `annotate --json`,
  `import --json` of its own new files, `list --json`, `search --json`, `export`, `backup`, and
  `delete` of junk articles when the command line has it. A write counts as acknowledged only
  when its command exited 0 and printed what it wrote.

What is checked:

- while it runs, the PIDs of every process and their children are sampled: a process that
  holds `library.postil-wal` or `-shm` open (or mapped) after it was deleted, for longer than a
  closing connection takes, is a failure (the bug of issue 12);
- while it runs, reads see the writes acknowledged before they started: `list` every
  acknowledged article with at least its acknowledged annotations, `search` an acknowledged
  article by its token, a backup every acknowledged annotation;
- at the end, after every process has ended, from a fresh `mode=ro` connection: `PRAGMA
  integrity_check` is ok, the FTS5 indexes pass their integrity-check (on an in-memory copy:
  a read-only connection cannot run it), every acknowledged annotation (same article, quote and
  note) and article (same title) is present, every acknowledged deletion absent, and every
  file handed to the window was imported;
- no process said the library was malformed or damaged.

The harness process itself never opens the library while others use it, except through
`mode=ro` connections (a read-only connection never checkpoints or deletes the WAL).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
LIBRARY_NAME = "library.postil"
DAMAGE_WORDS = re.compile(r"malformed|is damaged|not a database|corrupt", re.IGNORECASE)

# Generated prose (never the shared corpus): words enough for distinct paragraphs.
_PROSE = (
    "harbour ledger copper river meadow granite lantern orchard signal harvest quarry ferry "
    "timber canal beacon valley council budget tariff freight railway bridge market village "
    "winter summer rainfall drought engineer surveyor clerk archive treaty border customs "
    "warehouse grain cotton wool steel cement diesel pipeline turbine reservoir levee estuary "
    "shipyard crane container dockside pilot tugboat manifest inspector auditor ministry "
    "province district mayor assembly petition ballot survey census index forecast quarterly "
    "annual deficit surplus subsidy levy pension payroll contract tender supplier shortage "
    "backlog delivery schedule route junction depot terminal platform signalman timetable "
    "harvester tractor irrigation orchardist vineyard cooperative creamery bakery mill"
)
WORDS = tuple(_PROSE.split())
COLORS = ("yellow", "green", "blue", "red", "purple")
SUFFIXES = (".md", ".txt", ".html")


# -- articles -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleFile:
    path: Path
    token: str  # unique in the run; the last word of the title, and in every paragraph
    title: str
    quotes: tuple[str, ...]  # passages of the text, each found by `annotate --quote`


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def write_article(folder: Path, token: str, rng: random.Random, suffix: str) -> ArticleFile:
    """A small article with a unique title and paragraphs, as Markdown, text or HTML."""
    folder.mkdir(parents=True, exist_ok=True)
    title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.choice(WORDS)} {token}"
    paragraphs, quotes = [], []
    for k in range(rng.randint(3, 5)):
        marker = f"tally {token}p{k}"
        paragraphs.append(
            f"{_sentence(rng, rng.randint(14, 24))} The {marker} marks this paragraph. "
            f"{_sentence(rng, rng.randint(14, 24))} {_sentence(rng, rng.randint(8, 16))}"
        )
        quotes.append(marker)
        quotes.append(f"The {marker} marks")
    if suffix == ".md":
        body = f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n"
    elif suffix == ".txt":
        body = f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"
    else:
        body = (
            "<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article></body></html>\n"
        )
    path = folder / f"{token}{suffix}"
    path.write_text(body, encoding="utf-8")
    return ArticleFile(path, token, title, tuple(quotes))


def title_token(title: str) -> str:
    return title.rsplit(" ", 1)[-1] if title else ""


# -- processes ----------------------------------------------------------------------------


@dataclass(eq=False)
class Tracked:
    proc: subprocess.Popen
    role: str  # window, cli, handover, probe, setup
    label: str
    killed: bool = False


class Processes:
    """Every process the run starts: counted, listed for the fd sampler and the killer."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._live: dict[int, Tracked] = {}
        self.started: Counter[str] = Counter()
        self.killed: Counter[str] = Counter()

    def spawn(self, argv: list[str], *, role: str, label: str, **popen: Any) -> Tracked:
        with self._lock:  # registered before anyone can look for it
            proc = subprocess.Popen(argv, **popen)
            tracked = Tracked(proc, role, label)
            self._live[proc.pid] = tracked
            self.started[role] += 1
        return tracked

    def ended(self, tracked: Tracked) -> None:
        """Call once it has been waited for: counted as killed if SIGKILL is what ended it."""
        with self._lock:
            if self._live.pop(tracked.proc.pid, None) is not None and was_killed(tracked):
                self.killed[tracked.role] += 1

    def live(self, roles: Iterable[str] | None = None) -> list[Tracked]:
        with self._lock:
            found = [t for t in self._live.values() if t.proc.poll() is None]
        wanted = set(roles) if roles is not None else None
        return [t for t in found if wanted is None or t.role in wanted]

    def kill(self, tracked: Tracked) -> bool:
        """SIGKILL; False if it had visibly ended already. (It may have ended unseen: poll()
        says nothing while another thread waits for it, so what counts is its exit status.)"""
        with self._lock:
            if tracked.proc.poll() is not None or tracked.killed:
                return False
            with contextlib.suppress(ProcessLookupError):
                tracked.proc.send_signal(signal.SIGKILL)
            tracked.killed = True
            return True


def was_killed(tracked: Tracked) -> bool:
    return tracked.killed and tracked.proc.returncode == -signal.SIGKILL


@dataclass
class Result:
    code: int | None  # None: timed out (and killed)
    out: str
    err: str
    killed: bool  # by the soak's killer


def _proc_stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return None
    return text.rsplit(")", 1)[-1].split()  # fields from the state on (comm may hold spaces)


def descendants(pids: Iterable[int]) -> dict[int, int]:
    """{pid: root it descends from} for every live descendant of pids (Linux /proc)."""
    children: dict[int, list[int]] = {}
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                stat = _proc_stat(int(entry.name))
                if stat is not None and len(stat) > 1:
                    children.setdefault(int(stat[1]), []).append(int(entry.name))
    found: dict[int, int] = {}
    for root in pids:
        stack = list(children.get(root, ()))
        while stack:
            pid = stack.pop()
            if pid not in found:
                found[pid] = root
                stack.extend(children.get(pid, ()))
    return found


def start_time(pid: int) -> str | None:
    stat = _proc_stat(pid)
    return stat[19] if stat is not None and len(stat) > 19 else None


# -- what was acknowledged ----------------------------------------------------------------


@dataclass(frozen=True)
class AnnotationAck:
    article_id: int
    quote: str
    note: str


@dataclass
class Handed:
    file: ArticleFile
    delivered_to: int | None = None  # the window incarnation that acknowledged it
    landed: bool = False


class Ledger:
    """Acknowledged writes and what the window was handed; thread-safe."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.annotations: dict[int, AnnotationAck] = {}
        self.articles: dict[int, str] = {}  # id -> title
        self.deleted: set[tuple[int, str]] = set()  # (id, title): a later one may reuse ids
        self.pool: dict[int, ArticleFile] = {}  # articles workers may annotate
        self.handed: dict[str, Handed] = {}  # token -> hand-over

    def snapshot(
        self,
    ) -> tuple[dict[int, AnnotationAck], dict[int, str], set[tuple[int, str]]]:
        with self.lock:
            return dict(self.annotations), dict(self.articles), set(self.deleted)

    def saw_titles(self, rows: Iterable[tuple[int, str]]) -> None:
        """Titles seen in the library: handed files that landed join the annotation pool."""
        with self.lock:
            for article_id, title in rows:
                handed = self.handed.get(title_token(title))
                if handed is not None and not handed.landed:
                    handed.landed = True
                    self.pool[article_id] = handed.file


# -- the run ------------------------------------------------------------------------------


@dataclass
class MixSettings:
    seconds: float = 20.0  # the mix of processes, after the window is up
    # ... and past that, up to extra_seconds more until this much was acknowledged
    least_work: dict[str, int] = field(default_factory=dict)  # annotations, articles, handed
    extra_seconds: float = 0.0
    cli_workers: int = 3
    seed: int = 0
    handover_every: tuple[float, float] = (2.0, 4.0)
    handover_via_main: bool = True  # False: the helper (a killed window must stay closed)
    kill_every: float | None = None  # mean seconds between SIGKILLs; None: nothing killed
    window_kill_share: float = 0.25  # of the kills, how many go to the window
    check_every: float | None = None  # periodic read-only integrity checks
    stop_on_failure: bool = False
    settle_seconds: float = 90.0  # for the window to import what it was handed, at the end
    start_timeout: float = 120.0  # for the window to answer a hand-over
    command_timeout: float = 120.0
    confirm_deleted_seconds: float = 1.0  # a closing connection unlinks, then closes at once
    sample_every: float = 0.2
    use_delete: bool | None = None  # None: if the command line has `delete`
    run_check_command: bool = True  # `main.py check --json` at the end, if it exists
    log: Callable[[str], None] | None = None


@dataclass
class Report:
    seconds: float = 0.0
    processes_started: Counter[str] = field(default_factory=Counter)
    processes_killed: Counter[str] = field(default_factory=Counter)
    window_starts: int = 0
    commands: Counter[str] = field(default_factory=Counter)  # "annotate 0", "list 1", ...
    command_seconds: Counter[str] = field(default_factory=Counter)  # label -> total seconds
    annotations_acknowledged: int = 0
    articles_acknowledged: int = 0
    deletions_acknowledged: int = 0
    files_handed: int = 0
    handed_landed: int = 0
    integrity: list[str] = field(default_factory=list)  # one verdict per check, last = final
    integrity_checks: int = 0
    integrity_failed: int = 0
    fts: list[str] = field(default_factory=list)
    lost: dict[str, list[str]] = field(default_factory=dict)  # kind -> ids, from any check
    stale_reads: list[str] = field(default_factory=list)  # reads missing acknowledged writes
    deleted_held: list[str] = field(default_factory=list)
    fd_samples: int = 0
    damage_messages: list[str] = field(default_factory=list)
    window_problems: list[str] = field(default_factory=list)
    check_command: str | None = None
    errors_seen: dict[str, list[str]] = field(default_factory=dict)  # command -> stderr samples
    failures: list[str] = field(default_factory=list)

    @property
    def writes_lost(self) -> int:
        return sum(len(ids) for kind, ids in self.lost.items() if kind != "window imports")

    def as_json(self) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 1),
            "processes_started": dict(self.processes_started),
            "processes_killed": dict(self.processes_killed),
            "window_starts": self.window_starts,
            "commands": dict(sorted(self.commands.items())),
            "mean_command_seconds": {
                label: round(total / n, 2)
                for label, total in sorted(self.command_seconds.items())
                if (n := sum(c for k, c in self.commands.items() if k.split()[0] == label))
            },
            "annotations_acknowledged": self.annotations_acknowledged,
            "articles_acknowledged": self.articles_acknowledged,
            "deletions_acknowledged": self.deletions_acknowledged,
            "files_handed_to_window": self.files_handed,
            "handed_files_imported": self.handed_landed,
            "writes_lost": self.writes_lost,
            "lost": self.lost,
            "integrity_checks": self.integrity_checks,
            "integrity_failed": self.integrity_failed,
            "integrity_final": self.integrity[-1] if self.integrity else None,
            "fts_final": self.fts,
            "stale_reads": self.stale_reads,
            "deleted_wal_or_shm_held": self.deleted_held,
            "fd_samples": self.fd_samples,
            "damage_messages": self.damage_messages,
            "window_problems": self.window_problems,
            "check_command": self.check_command,
            "errors_seen": self.errors_seen,
            "failures": self.failures,
        }


class MultiProcessRun:
    """One run in `folder`: setup, the window, the mix, the final checks. run() -> Report."""

    def __init__(self, folder: Path, settings: MixSettings) -> None:
        self.folder = folder
        self.settings = settings
        self.library = (folder / "lib" / LIBRARY_NAME).absolute()
        self.library.parent.mkdir(parents=True, exist_ok=True)
        self.files = folder / "files"
        self.logs = folder / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        real = os.path.realpath(self.library)
        self._watched = {real + "-wal", real + "-shm"}
        # The window's lock file, its socket and its import workers' sockets go to TMPDIR:
        # a short folder of the run's own (a socket path must fit in 107 bytes).
        self.tmp = Path(tempfile.mkdtemp(prefix="postil-mp-", dir="/tmp"))
        self.env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "POSTIL_SETTINGS": str(folder / "settings.ini"),
            "PYTHONDONTWRITEBYTECODE": "1",
            "TMPDIR": str(self.tmp),
        }
        self.env.pop("POSTIL_LIBRARY", None)
        self.env.pop("POSTIL_DEBUG", None)
        self.processes = Processes()
        self.ledger = Ledger()
        self.report = Report()
        self.rng = random.Random(settings.seed)
        self._lock = threading.Lock()  # report fields written by several threads
        self._stop = threading.Event()  # the mix is over
        self._sampling = threading.Event()
        self._serial = Counter()
        self.window: Tracked | None = None
        self.incarnation = 0
        self._window_exit_expected = False
        self._orphans: list[tuple[int, str | None, float]] = []
        self.has_delete = False
        self.has_check = False

    # -- small helpers ---------------------------------------------------------------------

    def log(self, message: str) -> None:
        if self.settings.log is not None:
            self.settings.log(message)

    def fail(self, message: str) -> None:
        with self._lock:
            if message not in self.report.failures:
                self.report.failures.append(message)
        self.log(f"FAILURE {message}")
        if self.settings.stop_on_failure:
            self._stop.set()

    def token(self, kind: str) -> str:
        with self._lock:
            self._serial[kind] += 1
            return f"{kind}{self._serial[kind]:04d}x"

    def new_article(self, kind: str, rng: random.Random, folder: str) -> ArticleFile:
        return write_article(self.files / folder, self.token(kind), rng, rng.choice(SUFFIXES))

    def main_py(self, *args: str) -> list[str]:
        return [PYTHON, str(ROOT / "main.py"), "--library", str(self.library), *args]

    def run_process(
        self, argv: list[str], *, role: str, label: str, cwd: Path = ROOT, timeout: float = 0
    ) -> Result:
        tracked = self.processes.spawn(
            argv,
            role=role,
            label=label,
            cwd=cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        try:
            out, err = tracked.proc.communicate(timeout=timeout or self.settings.command_timeout)
            code: int | None = tracked.proc.returncode
        except subprocess.TimeoutExpired:
            self.processes.kill(tracked)
            out, err = tracked.proc.communicate()
            code = None
        finally:
            self.processes.ended(tracked)
        if DAMAGE_WORDS.search(err):
            with self._lock:
                self.report.damage_messages.append(f"{label}: {err.strip()[:300]}")
        return Result(code, out, err, was_killed(tracked) and code is not None)

    def cli(self, *args: str, label: str, role: str = "cli") -> Result:
        began = time.monotonic()
        result = self.run_process(self.main_py(*args), role=role, label=label)
        if role == "cli":
            with self._lock:
                outcome = "killed" if result.killed else result.code
                self.report.commands[f"{label} {outcome}"] += 1
                self.report.command_seconds[label] += time.monotonic() - began
                if result.code not in (0, None) and not result.killed:
                    samples = self.report.errors_seen.setdefault(label, [])
                    line = (result.err.strip().splitlines() or ["(no message)"])[-1][:200]
                    if len(samples) < 5 and line not in samples:
                        samples.append(line)
        if result.code is None:
            self.fail(f"`{label}` did not end within {self.settings.command_timeout:.0f} s")
        return result

    # -- setup -----------------------------------------------------------------------------

    def setup(self) -> bool:
        help_text = self.run_process(
            [PYTHON, str(ROOT / "main.py"), "--help"], role="setup", label="help"
        ).out
        commands = set(re.findall(r"^ {4}(\S+)\s", help_text, re.MULTILINE))
        self.has_check = "check" in commands
        self.has_delete = "delete" in commands
        if self.settings.use_delete is not None:
            self.has_delete = self.has_delete and self.settings.use_delete
        seeds = [self.new_article("S", self.rng, "seed") for _ in range(3)]
        result = self.cli(
            "import", "--json", *(str(f.path) for f in seeds), label="setup", role="setup"
        )
        if result.code != 0:
            self.fail(f"the seed articles could not be imported: {result.err.strip()[:300]}")
            return False
        self._acknowledge_imports(result.out, {f.token: f for f in seeds})
        return True

    def _acknowledge_imports(self, out: str, files: dict[str, ArticleFile]) -> list[int]:
        try:
            reports = json.loads(out)
        except ValueError:
            self.fail(f"`import --json` exited 0 without JSON: {out[:200]!r}")
            return []
        ids = []
        with self.ledger.lock:
            for item in reports:
                if item.get("status") not in ("added", "updated", "exists"):
                    continue
                article = files.get(title_token(item.get("title", "")))
                self.ledger.articles[item["id"]] = item["title"]
                if article is not None:
                    self.ledger.pool[item["id"]] = article
                ids.append(item["id"])
        return ids

    # -- the window ------------------------------------------------------------------------

    def start_window(self) -> bool:
        """Start the window and wait until it answers a hand-over. False if it died first."""
        self.incarnation += 1
        number = self.incarnation
        with self._lock:
            self.report.window_starts += 1
        out = open(self.logs / f"window-{number}.out", "wb")  # noqa: SIM115 -- closed below
        err = open(self.logs / f"window-{number}.err", "wb")  # noqa: SIM115
        try:
            self.window = self.processes.spawn(
                self.main_py(),
                role="window",
                label=f"window #{number}",
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
            )
        finally:
            out.close()
            err.close()
        self.log(f"window #{number} started (pid {self.window.proc.pid})")
        deadline = time.monotonic() + self.settings.start_timeout
        while time.monotonic() < deadline:
            if self.window.proc.poll() is not None:
                self._window_ended()
                return False
            probe = self.run_process(
                [PYTHON, "-m", "tests.reliability.handover_launch", str(self.library)],
                role="probe",
                label="probe",
                timeout=60,
            )
            if probe.code == 0:
                self.log(f"window #{number} is up")
                return True
            time.sleep(0.5)
        self.fail(
            f"window #{number} did not answer a hand-over within "
            f"{self.settings.start_timeout:.0f} s; its stderr: {self.window_stderr(number)}"
        )
        self.processes.kill(self.window)
        self.window.proc.wait()
        self._window_ended()
        return False

    def window_stderr(self, number: int | None = None) -> str:
        path = self.logs / f"window-{number or self.incarnation}.err"
        try:
            text = path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return "(none)"
        return text[-600:] if text else "(empty)"

    def window_alive(self) -> bool:
        return self.window is not None and self.window.proc.poll() is None

    def _window_ended(self) -> None:
        """The window is gone: killed by the soak, or by itself (a failure)."""
        window = self.window
        if window is None:
            return
        self.processes.ended(window)
        code = window.proc.returncode
        if not was_killed(window) and not self._window_exit_expected:
            problem = (
                f"{window.label} exited by itself with code {code}; "
                f"its stderr: {self.window_stderr()}"
            )
            with self._lock:
                self.report.window_problems.append(problem)
            self.fail(problem)
        self.window = None

    def hand_over(self, new_files: list[ArticleFile]) -> None:
        """Hand new files (and any earlier ones not yet delivered to this window) over."""
        with self.ledger.lock:
            for f in new_files:
                self.ledger.handed[f.token] = Handed(f)
            batch = [
                h.file
                for h in self.ledger.handed.values()
                if not h.landed and h.delivered_to != self.incarnation
            ]
        if not batch or not self.window_alive():
            return
        paths = [str(f.path) for f in batch]
        if self.settings.handover_via_main:  # from the files' folder, as a user would
            argv, cwd = self.main_py(*paths), self.files
        else:
            argv = [PYTHON, "-m", "tests.reliability.handover_launch", str(self.library), *paths]
            cwd = ROOT
        result = self.run_process(argv, role="handover", label="hand-over", cwd=cwd, timeout=90)
        if result.code == 0:
            with self.ledger.lock:
                for f in batch:
                    self.ledger.handed[f.token].delivered_to = self.incarnation
        elif not result.killed and self.window_alive():
            self.fail(
                f"handing {len(batch)} files to the running window failed (exit "
                f"{result.code}): {result.err.strip()[-300:]}"
            )

    def stop_window(self) -> None:
        """SIGTERM (Qt leaves it to the default action: the process ends; every acknowledged
        write is committed), then SIGKILL if it lingers."""
        window = self.window
        if window is None:
            return
        self._window_exit_expected = True
        self.remember_children(window)
        with contextlib.suppress(ProcessLookupError):
            window.proc.send_signal(signal.SIGTERM)
        try:
            window.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.processes.kill(window)
            window.proc.wait()
        self.processes.ended(window)
        self.window = None

    # -- the fd sampler --------------------------------------------------------------------

    def _deleted_files_held(self, pid: int) -> list[str]:
        found = []
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with contextlib.suppress(OSError):
                    link = os.readlink(f"/proc/{pid}/fd/{fd}")
                    if link.endswith(" (deleted)") and link[: -len(" (deleted)")] in self._watched:
                        found.append(f"fd {fd} -> {link}")
        with (
            contextlib.suppress(OSError),
            open(f"/proc/{pid}/maps", encoding="utf-8", errors="replace") as fh,
        ):
            for line in fh:
                parts = line.rstrip("\n").split(maxsplit=5)
                name = parts[5] if len(parts) == 6 else ""
                if name.endswith(" (deleted)") and name[: -len(" (deleted)")] in self._watched:
                    found.append(f"mapping {name}")
        return sorted(set(found))

    def _sample_forever(self) -> None:
        first_seen: dict[tuple[int, str | None, str], float] = {}
        confirmed: set[tuple[int, str | None, str]] = set()
        while self._sampling.is_set():
            now = time.monotonic()
            roots = {t.proc.pid: t for t in self.processes.live()}
            pids = {pid: t.label for pid, t in roots.items()}
            for pid, root in descendants(roots).items():
                pids.setdefault(pid, f"a child of {roots[root].label}")
            seen_now = set()
            for pid, who in pids.items():
                for finding in self._deleted_files_held(pid):
                    key = (pid, start_time(pid), finding)
                    seen_now.add(key)
                    since = first_seen.setdefault(key, now)
                    if (
                        key not in confirmed
                        and now - since >= self.settings.confirm_deleted_seconds
                    ):
                        confirmed.add(key)
                        message = f"{who} (pid {pid}) held a deleted file: {finding}"
                        with self._lock:
                            self.report.deleted_held.append(message)
                        self.fail(f"while the processes ran, {message}")
            for key in list(first_seen):
                if key not in seen_now:
                    del first_seen[key]
            self._sweep_orphans(now)
            with self._lock:
                self.report.fd_samples += 1
            time.sleep(self.settings.sample_every)

    def _sweep_orphans(self, now: float) -> None:
        """Children of a killed process (the window's import workers) that outlive it."""
        with self._lock:
            orphans, self._orphans = self._orphans, []
        keep = []
        for pid, started, when in orphans:
            if start_time(pid) != started or started is None:
                continue
            if now < when:
                keep.append((pid, started, when))
                continue
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        with self._lock:
            self._orphans.extend(keep)

    def remember_children(self, tracked: Tracked) -> None:
        """Its children are ended 10 s after it, if they have not ended by themselves."""
        found = [
            (pid, start_time(pid), time.monotonic() + 10) for pid in descendants([tracked.proc.pid])
        ]
        with self._lock:
            self._orphans.extend(found)

    # -- CLI workers -----------------------------------------------------------------------

    def _pick_article(self, rng: random.Random) -> tuple[int, ArticleFile] | None:
        with self.ledger.lock:
            pool = sorted(self.ledger.pool.items(), key=lambda item: item[0])
        return rng.choice(pool) if pool else None

    def worker(self, number: int) -> None:
        rng = random.Random(f"{self.settings.seed}-worker-{number}")
        actions = ["annotate", "import", "list", "search", "export", "backup", "delete"]
        weights = [10, 2, 2, 2, 1, 1, 1 if self.has_delete else 0]
        n = 0
        while not self._stop.is_set():
            n += 1
            action = rng.choices(actions, weights)[0]
            try:
                getattr(self, f"_do_{action}")(number, n, rng)
            except Exception as exc:  # the harness's own bug: say it, do not hang the run
                self.fail(f"worker {number} ({action}) raised {type(exc).__name__}: {exc}")
                return

    def _do_annotate(self, number: int, n: int, rng: random.Random) -> None:
        picked = self._pick_article(rng)
        if picked is None:
            return
        article_id, article = picked
        quote = rng.choice(article.quotes)
        note = f"worker {number} note {n} " + " ".join(rng.choice(WORDS) for _ in range(4))
        args = ["annotate", str(article_id), "--quote", quote, "--note", note, "--json"]
        args += ["--color", rng.choice(COLORS), "--tag", f"worker-{number}"]
        result = self.cli(*args, label="annotate")
        if result.code != 0:
            return
        try:
            annotation = json.loads(result.out)
            ident = int(annotation["id"])
        except (ValueError, KeyError, TypeError):
            self.fail(f"`annotate --json` exited 0 without an id: {result.out[:200]!r}")
            return
        with self.ledger.lock:
            self.ledger.annotations[ident] = AnnotationAck(article_id, quote, note)

    def _do_import(self, number: int, n: int, rng: random.Random) -> None:
        files = [self.new_article(f"C{number}n", rng, f"worker-{number}") for _ in range(2)]
        files = files[: rng.randint(1, 2)]
        result = self.cli("import", "--json", *(str(f.path) for f in files), label="import")
        if result.code == 0:
            self._acknowledge_imports(result.out, {f.token: f for f in files})

    def _do_delete(self, number: int, n: int, rng: random.Random) -> None:
        """Import a junk article, then delete it (some junk stays). Until its deletion is
        acknowledged, a junk article is checked neither as present nor as gone: a check
        could start before the delete and read after it."""
        junk = self.new_article(f"J{number}n", rng, f"junk-{number}")
        stays = rng.random() < 0.3
        result = self.cli("import", "--json", str(junk.path), label="import")
        if result.code != 0:
            return
        try:
            ident = int(json.loads(result.out)[0]["id"])
        except (ValueError, KeyError, TypeError, IndexError):
            self.fail(f"`import --json` exited 0 without an id: {result.out[:200]!r}")
            return
        if stays or self._stop.is_set():
            with self.ledger.lock:
                self.ledger.articles[ident] = junk.title  # acknowledged, never annotated
            return
        deleting = self.cli("delete", str(ident), "--json", label="delete")
        confirmed = False
        if deleting.code == 0:
            with contextlib.suppress(ValueError, KeyError, TypeError):
                confirmed = ident in {int(r["id"]) for r in json.loads(deleting.out)}
            if not confirmed:
                self.fail(
                    f"`delete {ident} --json` exited 0 without saying it deleted #{ident}: "
                    f"{(deleting.out + deleting.err).strip()[:200]!r}"
                )
        with self.ledger.lock:
            if confirmed:
                self.ledger.deleted.add((ident, junk.title))
            elif not deleting.killed and deleting.code not in (0, None):  # refused: kept
                self.ledger.articles[ident] = junk.title

    def _do_list(self, number: int, n: int, rng: random.Random) -> None:
        annotations, articles, _ = self.ledger.snapshot()
        result = self.cli("list", "--json", label="list")
        if result.code != 0:
            return
        try:
            rows = json.loads(result.out)
            listed = {int(r["id"]): r for r in rows}
        except (ValueError, KeyError, TypeError):
            self.fail(f"`list --json` exited 0 without its JSON: {result.out[:200]!r}")
            return
        self.ledger.saw_titles((i, r["title"]) for i, r in listed.items())
        missing = sorted(set(articles) - set(listed))
        if missing:
            self.stale_read(f"`list` did not show acknowledged articles {missing[:10]}")
        per_article = Counter(a.article_id for a in annotations.values())
        short = {
            i: (count, listed[i]["annotations"])
            for i, count in per_article.items()
            if i in listed and listed[i]["annotations"] < count
        }
        if short:
            sample = dict(list(short.items())[:5])
            self.stale_read(
                f"`list` showed fewer annotations than were acknowledged (article: "
                f"(acknowledged, listed)) {sample}"
            )

    def _do_search(self, number: int, n: int, rng: random.Random) -> None:
        _, articles, _ = self.ledger.snapshot()
        picked = self._pick_article(rng)
        if picked is None:
            return
        article_id, article = picked
        result = self.cli("search", article.token, "--json", label="search")
        if result.code != 0:
            return
        try:
            hits = {int(h["id"]) for h in json.loads(result.out)}
        except (ValueError, KeyError, TypeError):
            self.fail(f"`search --json` exited 0 without its JSON: {result.out[:200]!r}")
            return
        if article_id in articles and article_id not in hits:
            self.stale_read(f"`search {article.token}` did not find acknowledged #{article_id}")

    def _do_export(self, number: int, n: int, rng: random.Random) -> None:
        picked = self._pick_article(rng)
        args = (
            ["export", str(picked[0])] if picked is not None and rng.random() < 0.7 else ["export"]
        )
        self.cli(*args, label="export")

    def _do_backup(self, number: int, n: int, rng: random.Random) -> None:
        annotations, articles, _ = self.ledger.snapshot()
        if rng.random() < 0.5:
            target = self.folder / "backups" / f"worker-{number}-{n}.postil"
            target.parent.mkdir(exist_ok=True)
            result = self.cli("backup", "--to", str(target), label="backup")
        else:
            result = self.cli("backup", label="backup")
            found = re.search(r"backed up to (.+)$", result.out.strip(), re.MULTILINE)
            target = Path(found.group(1)) if found else None
        if result.code != 0:
            return
        if target is None or not target.exists():
            self.fail(f"`backup` exited 0 but no backup file: {result.out.strip()[:200]!r}")
            return
        try:
            problem = self._check_backup(target, annotations, articles)
        finally:
            for name in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
                with contextlib.suppress(OSError):
                    name.unlink()
        if problem:
            self.stale_read(f"backup {target.name}: {problem}")

    @classmethod
    def _check_backup(
        cls, path: Path, annotations: dict[int, AnnotationAck], articles: dict[int, str]
    ) -> str | None:
        """A backup (compressed ones unpacked first, as a restore does) holds every
        acknowledged write made before it was asked for."""
        from storage.backup import BackupError, unpacked

        try:
            with unpacked(path) as plain:
                return cls._check_plain_backup(plain, annotations, articles)
        except BackupError as exc:
            return f"does not unpack: {exc}"

    @staticmethod
    def _check_plain_backup(
        path: Path, annotations: dict[int, AnnotationAck], articles: dict[int, str]
    ) -> str | None:
        try:
            conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True, timeout=30)
        except sqlite3.Error as exc:
            return f"cannot be opened: {exc}"
        try:
            verdict = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
            if verdict != ["ok"]:
                return f"quick_check: {verdict[:3]}"
            ids = {r[0] for r in conn.execute("SELECT id FROM annotations")}
            article_ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
        except sqlite3.Error as exc:
            return f"cannot be read: {exc}"
        finally:
            conn.close()
        missing = sorted(set(annotations) - ids)
        missing_articles = sorted(set(articles) - article_ids)
        if missing or missing_articles:
            return (
                f"lacks {len(missing)} acknowledged annotations {missing[:5]} and "
                f"{len(missing_articles)} articles {missing_articles[:5]}"
            )
        return None

    def stale_read(self, message: str) -> None:
        with self._lock:
            self.report.stale_reads.append(message)
        self.fail(f"while the processes ran, {message}")

    # -- checks ----------------------------------------------------------------------------

    def verify(self, *, final: bool) -> None:
        """From a fresh read-only connection: integrity, and every acknowledged write."""
        annotations, articles, deleted = self.ledger.snapshot()
        when = "at the end" if final else f"after {self.elapsed():.0f} s"
        lost: dict[str, list[str]] = {}
        try:
            conn = sqlite3.connect(self.library.as_uri() + "?mode=ro", uri=True, timeout=60)
        except sqlite3.Error as exc:
            self._record_integrity(f"cannot open: {exc}", when)
            lost = {
                "annotations": [str(i) for i in annotations],
                "articles": [str(i) for i in articles],
            }
            self._record_lost(lost, when)
            return
        try:
            try:
                rows = conn.execute("PRAGMA integrity_check").fetchall()
                verdict = (
                    "ok"
                    if [r[0] for r in rows] == ["ok"]
                    else "; ".join(str(r[0]) for r in rows[:5])
                )
            except sqlite3.Error as exc:
                verdict = f"{type(exc).__name__}: {exc}"
            self._record_integrity(verdict, when)
            try:
                stored = {
                    r[0]: AnnotationAck(r[1], r[2], r[3])
                    for r in conn.execute("SELECT id, article_id, quote, note FROM annotations")
                }
            except sqlite3.Error as exc:
                stored = {}
                self.fail(f"{when}, the annotations could not be read: {exc}")
            try:
                titles = dict(conn.execute("SELECT id, title FROM articles").fetchall())
            except sqlite3.Error as exc:
                titles = {}
                self.fail(f"{when}, the articles could not be read: {exc}")
            if final:
                self._check_fts(conn)
        finally:
            conn.close()
        lost["annotations"] = [str(i) for i, a in annotations.items() if stored.get(i) != a]
        lost["articles"] = [str(i) for i, t in articles.items() if titles.get(i) != t]
        lost["deletions"] = [str(i) for i, t in sorted(deleted) if titles.get(i) == t]
        if final:
            self.ledger.saw_titles(titles.items())
            with self.ledger.lock:
                handed = dict(self.ledger.handed)
            lost["window imports"] = [t for t, h in handed.items() if not h.landed]
            with self._lock:
                self.report.handed_landed = sum(h.landed for h in handed.values())
                self.report.files_handed = len(handed)
                self.report.annotations_acknowledged = len(annotations)
                self.report.articles_acknowledged = len(articles)
                self.report.deletions_acknowledged = len(deleted)
        self._record_lost({k: v for k, v in lost.items() if v}, when)

    def _check_fts(self, conn: sqlite3.Connection) -> None:
        """FTS5 integrity-check writes: run it on an in-memory copy of the library."""
        copy = sqlite3.connect(":memory:")
        try:
            conn.backup(copy)
            for table in ("articles_fts", "annotations_fts"):
                try:
                    copy.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
                    self.report.fts.append(f"{table}: ok")
                except sqlite3.Error as exc:
                    self.report.fts.append(f"{table}: {exc}")
                    self.fail(f"at the end, the {table} index failed its integrity-check: {exc}")
        except sqlite3.Error as exc:
            self.fail(f"at the end, the library could not be copied for the FTS check: {exc}")
        finally:
            copy.close()

    def _record_integrity(self, verdict: str, when: str) -> None:
        with self._lock:
            self.report.integrity.append(f"{when}: {verdict}")
            self.report.integrity_checks += 1
            self.report.integrity_failed += verdict != "ok"
        if verdict != "ok":
            self.fail(f"{when}, PRAGMA integrity_check: {verdict[:300]}")

    def _record_lost(self, lost: dict[str, list[str]], when: str) -> None:
        with self._lock:
            for kind, ids in lost.items():
                known = self.report.lost.setdefault(kind, [])
                known.extend(i for i in ids if i not in known)
        for kind, ids in lost.items():
            what = {
                "annotations": "acknowledged annotations are missing or changed",
                "articles": "acknowledged articles are missing or retitled",
                "deletions": "articles whose deletion was acknowledged are back",
                "window imports": "files handed to the window were never imported",
            }[kind]
            self.fail(f"{when}, {len(ids)} {what}: {', '.join(ids[:12])}")

    # -- the run ---------------------------------------------------------------------------

    def elapsed(self) -> float:
        return time.monotonic() - self._started

    def killer(self) -> None:
        """SIGKILL a random process now and then: the window or a CLI command or hand-over."""
        rng = random.Random(f"{self.settings.seed}-killer")
        assert self.settings.kill_every
        while not self._stop.wait(rng.expovariate(1 / self.settings.kill_every)):
            window = self.window
            if window is not None and rng.random() < self.settings.window_kill_share:
                victims = [window] if window.proc.poll() is None else []
            else:
                victims = self.processes.live(("cli", "handover"))
            if not victims:
                continue
            victim = rng.choice(victims)
            self.remember_children(victim)
            if self.processes.kill(victim):
                self.log(f"killed {victim.label} (pid {victim.proc.pid})")

    def settle(self) -> None:
        """Give the window time to import what it was handed; restart it if it is down."""
        deadline = time.monotonic() + self.settings.settle_seconds
        if self.report.deleted_held:  # its writes go to a deleted WAL: they will not show
            deadline = min(deadline, time.monotonic() + 15)
        while time.monotonic() < deadline:
            if self.settings.stop_on_failure and self.report.failures:
                return
            if not self.window_alive():
                if self.window is not None:
                    self._window_ended()
                if not self.settings.kill_every:
                    return  # in the test nothing kills it: its death failed the run already
                self.start_window()
                continue
            self.hand_over([])  # what a killed window had not imported
            with self.ledger.lock:
                waiting = [t for t, h in self.ledger.handed.items() if not h.landed]
            if not waiting:
                return
            listed = self.cli("list", "--json", label="settle", role="probe")
            if listed.code == 0:
                with contextlib.suppress(ValueError, KeyError, TypeError):
                    self.ledger.saw_titles((r["id"], r["title"]) for r in json.loads(listed.out))
            time.sleep(1.0)

    def run(self) -> Report:
        self._started = time.monotonic()
        try:
            if self.setup():
                self._sampling.set()
                sampler = threading.Thread(target=self._sample_forever, daemon=True)
                sampler.start()
                try:
                    self._run_mix()
                finally:
                    self._sampling.clear()
                    sampler.join(timeout=30)
                self.verify(final=True)
                self._window_damage_messages()
                if self.report.damage_messages:
                    self.fail(
                        f"{len(self.report.damage_messages)} times a process said the library "
                        f"is damaged, e.g. {self.report.damage_messages[0][:300]}"
                    )
                if self.settings.run_check_command and self.has_check:
                    self._run_check_command()
        finally:
            self._stop.set()
            for tracked in self.processes.live():
                self.processes.kill(tracked)
                tracked.proc.wait()
            self._sweep_orphans(float("inf"))
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.report.processes_started = Counter(self.processes.started)
            self.report.processes_killed = Counter(self.processes.killed)
            self.report.seconds = self.elapsed()
        return self.report

    def _run_mix(self) -> None:
        settings = self.settings
        if not self.start_window():
            self.fail("the window never came up; nothing else was run")
            return
        workers = [
            threading.Thread(target=self.worker, args=(n,), daemon=True)
            for n in range(1, settings.cli_workers + 1)
        ]
        helpers = []
        if settings.kill_every:
            helpers.append(threading.Thread(target=self.killer, daemon=True))
        for thread in workers + helpers:
            thread.start()
        mix_ends = time.monotonic() + settings.seconds
        hard_end = mix_ends + settings.extra_seconds
        next_handover = time.monotonic() + self.rng.uniform(*settings.handover_every)
        next_check = time.monotonic() + (settings.check_every or 0)
        while not self._stop.is_set():
            now = time.monotonic()
            if now >= hard_end or (now >= mix_ends and self.enough_work()):
                break
            if not self.window_alive():
                self._window_ended()
                if not settings.kill_every:
                    break  # nothing kills it in the test: it died, which failed already
                self.start_window()
                continue
            now = time.monotonic()
            if now >= next_handover:
                count = self.rng.randint(1, 2)
                self.hand_over([self.new_article("H", self.rng, "handed") for _ in range(count)])
                next_handover = time.monotonic() + self.rng.uniform(*settings.handover_every)
            if settings.check_every and now >= next_check:
                self.verify(final=False)
                next_check = time.monotonic() + settings.check_every
            time.sleep(0.1)
        self.log("mix over; waiting for the workers")
        self._stop.set()
        for thread in workers + helpers:
            thread.join(timeout=settings.command_timeout + 30)
            if thread.is_alive():
                self.fail("a worker thread did not end (a command hung past its timeout)")
        self.settle()
        self.stop_window()
        # Nothing may be left running when the library is checked.
        for tracked in self.processes.live():
            self.processes.kill(tracked)
            tracked.proc.wait()
        self._sweep_orphans(float("inf"))

    def enough_work(self) -> bool:
        """The minimum for a run to mean something (a slow machine gets extra time for it)."""
        least = self.settings.least_work
        with self.ledger.lock:
            done = {
                "annotations": len(self.ledger.annotations),
                "articles": len(self.ledger.articles),
                "handed": sum(h.delivered_to is not None for h in self.ledger.handed.values()),
            }
        return all(done[k] >= least.get(k, 0) for k in done)

    def _window_damage_messages(self) -> None:
        for log in sorted(self.logs.glob("window-*.err")):
            text = log.read_text(encoding="utf-8", errors="replace")
            lines = [line for line in text.splitlines() if DAMAGE_WORDS.search(line)]
            if lines:
                self.report.damage_messages.append(f"{log.stem}: {lines[0][:300]}")

    def _run_check_command(self) -> None:
        """`postil check --json`, once every process has ended (it opens the library)."""
        result = self.run_process(
            self.main_py("check", "--json", "--search-index"), role="probe", label="check"
        )
        said = " ".join((result.out or result.err).split())[:500]
        with contextlib.suppress(ValueError, AttributeError, KeyError, TypeError):
            answer = json.loads(result.out)
            findings = [f["message"] for f in answer.get("findings", [])]
            said = "whole" if answer["ok"] else "damaged"
            said += f", {len(findings)} findings" + (f": {findings[:3]}" if findings else "")
        self.report.check_command = f"exit {result.code}: {said}"
        if "search_index" in result.out:  # a note, not damage: but the indexes must be exact
            self.fail(f"at the end, `postil check` found a search index out of step: {said}")
        if result.code != 0:
            self.fail(
                f"at the end, `postil check` exited {result.code}: "
                f"{(result.out + result.err).strip()[:400]}"
            )


def run_mix(folder: Path, settings: MixSettings) -> Report:
    return MultiProcessRun(folder, settings).run()
