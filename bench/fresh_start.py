"""A new user's first minutes: fresh clone -> README command 1 -> first /ask answer, phase by phase.

    python bench/fresh_start.py [--repo PATH] [--workdir DIR] [--keep] [--port N] [--question Q] [--timeout S]
                                [--no-second] [--out bench-results/fresh_start.json]

Clones the committed HEAD, runs the ` && ` steps of the clone's README quick-start command one by one in
one bash (so that its activation carries over), then starts its last step (the app) with `--port N`.
Phases: install (the steps up to `pip install`), model_install, app_up (GET / answers 200), first_answer
(`/ask` through gradio_client), index (the app logs `index ready`), second_answer (asked again then),
then restart_app_up and restart_first_answer (the app started again on the index it built, asked at once).
Each has `seconds` and `at_s` (when it ended, since command 1 started); app_up, first_answer and index
also `after_install_s` (since `pip install` finished). --timeout bounds the whole run.
"""

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# Run by the clone's own interpreter: gradio_client is in its venv, not necessarily in ours.
ASK = """import json, sys, time
from gradio_client import Client
started = time.monotonic()
answer = Client(sys.argv[1], verbose=False).predict(sys.argv[2], None, api_name="/ask")
print(json.dumps({"seconds": time.monotonic() - started, "answer": answer}, default=str))
"""


def quick_start(readme: Path) -> str:
    """The one-line command of the first ```bash block after `## Quick start`."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    fence = lines.index("```bash", lines.index("## Quick start"))
    block = [line.strip() for line in lines[fence + 1 : lines.index("```", fence)] if line.strip()]
    if len(block) != 1:
        raise SystemExit(f"fresh_start: the quick-start block has {len(block)} lines, not one")
    return block[0]


def fresh_env() -> dict[str, str]:
    """Ours as a new user's would be: no ADVISOR_* settings (an index elsewhere), no PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_") and k != "PYTHONPATH"}
    # Only 127.0.0.1 is talked to: a proxy from the environment must not see it.
    return env | {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


def tail(text: str, lines: int = 5) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])


class Shell:
    """One persistent bash writing to a log: each step goes to its stdin, then a marker line with its status."""

    def __init__(self, cwd: Path, env: dict[str, str], log: Path) -> None:
        self.marker, self.log = uuid.uuid4().hex, log
        with log.open("w") as out:
            stdio: dict[str, Any] = {"stdin": subprocess.PIPE, "stdout": out, "stderr": subprocess.STDOUT}
            self.process = subprocess.Popen(["bash"], cwd=cwd, env=env, text=True, start_new_session=True, **stdio)

    def run(self, step: str, deadline: float) -> tuple[int, str]:
        """Exit status and output of one step; its stdin is /dev/null so that it cannot eat the next ones."""
        assert self.process.stdin
        start = self.log.stat().st_size
        self.process.stdin.write(f"{{ {step}\n}} </dev/null; printf '\\n{self.marker} %s\\n' \"$?\"\n")
        self.process.stdin.flush()
        output = ""
        while time.monotonic() < deadline and self.process.poll() is None:
            with self.log.open("rb") as log:
                log.seek(start)
                output = log.read().decode(errors="replace")
            if done := re.search(rf"\n{self.marker} (\d+)\n", output):
                return int(done[1]), output[: done.start()]
            time.sleep(0.1)  # also the resolution of the steps' times
        return -1, output + ("(timed out)" if self.process.poll() is None else "(bash exited)")


def stop(process: subprocess.Popen[Any] | None) -> None:
    """Terminate the whole process group (pip's or the app's children too); kill it after 10 s."""
    try:
        if process is not None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    except ProcessLookupError:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers_200(url: str) -> bool:
    try:
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def ask(python: Path, url: str, question: str, deadline: float) -> tuple[float, dict[str, Any]]:
    """Seconds /ask took (timed in the child, without its interpreter's start) and the answer, bounded."""
    command = [str(python), "-c", ASK, url, question]
    try:
        child = subprocess.run(
            command, env=fresh_env(), capture_output=True, text=True, timeout=deadline - time.monotonic()
        )
    except subprocess.TimeoutExpired:
        raise SystemExit("fresh_start: /ask did not answer before the timeout") from None
    if child.returncode != 0:
        raise SystemExit(f"fresh_start: /ask failed: {tail(child.stderr)}")
    result = json.loads(child.stdout)
    answer, returned = result["answer"], json.dumps(result["answer"], ensure_ascii=False)
    text = str(answer.get("answer", ""))[:300] if isinstance(answer, dict) else None
    # Who wrote it, its notice (the first build's) and timings, then the whole object,
    # bounded: its sources carry long texts.
    said = {key: answer.get(key) for key in ("llm", "notice", "timings")} if isinstance(answer, dict) else {}
    bounded = answer if len(returned) <= 2048 else returned[:2048] + "…"
    return result["seconds"], {"text": text, **said, "returned": bounded}


def watch(log: Path, seen: dict[str, Any], done: threading.Event) -> None:
    """When the app first logs `index ready` (to 0.5 s), even while /ask is being waited on."""
    while not done.wait(0.5):
        if line := next((line for line in log.read_text(errors="replace").splitlines() if "index ready" in line), ""):
            seen.update(at=time.monotonic(), line=line.strip())
            return


def row(started: float, ended: float, t0: float, installed: float | None = None) -> dict[str, Any]:
    out = {"seconds": round(ended - started, 2), "at_s": round(ended - t0, 2)}
    return out if installed is None else out | {"after_install_s": round(ended - installed, 2)}


def run_steps(shell: Shell, steps: list[str], deadline: float, t0: float) -> tuple[list[dict], dict, float]:
    """Each step's seconds, the install and model_install phases, and when `pip install` finished."""
    pip = max((i for i, step in enumerate(steps) if "pip install" in step), default=None)
    if pip is None:
        raise SystemExit(f"fresh_start: no `pip install` step in {steps}")
    timed: list[dict] = []
    phases: dict[str, Any] = {}
    for i, step in enumerate(steps):
        started = time.monotonic()
        status, output = shell.run(step, deadline)
        if status != 0:
            raise SystemExit(f"fresh_start: step {step!r} failed ({status}): {tail(output)}")
        timed.append({"step": step, "seconds": round((now := time.monotonic()) - started, 2)})
        if i == pip:
            installed, phases["install"] = now, row(t0, now, t0)
        elif "advisor model install" in step:
            phases["model_install"] = row(started, now, t0)
    return timed, phases, installed


def start_app(step: str, port: int, shell: Shell, work: Path, deadline: float) -> subprocess.Popen[bytes]:
    """The last step, in the environment the README's steps left (their activation), not one we rebuild."""
    shell.run(f"env -0 > {shlex.quote(str(work / 'env'))}", deadline)
    env = dict(item.split("=", 1) for item in (work / "env").read_text().split("\0") if "=" in item)
    with (work / "app.log").open("w") as log:
        return subprocess.Popen(
            ["bash", "-c", f"{step} --port {port}"],
            cwd=env.get("PWD", work / "advisor"),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def measure(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    clone, port = work / "advisor", args.port or free_port()
    subprocess.run(["git", "clone", "--quiet", str(args.repo), str(clone)], check=True)
    commit = subprocess.run(["git", "-C", clone, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    command = quick_start(clone / "README.md")
    *steps, app_step = command.split(" && ")
    url, log, python = f"http://127.0.0.1:{port}/", work / "app.log", clone / ".venv" / "bin" / "python"
    shell, app, done, seen, answers = Shell(clone, fresh_env(), work / "steps.log"), None, threading.Event(), {}, {}
    deadline = (t0 := time.monotonic()) + args.timeout
    try:
        timed, phases, installed = run_steps(shell, steps, deadline, t0)
        app, launched = start_app(app_step, port, shell, work, deadline), time.monotonic()
        threading.Thread(target=watch, args=(log, seen, done), daemon=True).start()
        while not answers_200(url):
            if app.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"fresh_start: {app_step!r} never answered on {url}: {tail(log.read_text())}")
            time.sleep(0.5)
        phases["app_up"] = row(launched, time.monotonic(), t0, installed)
        seconds, answers["first"] = ask(python, url, args.question, deadline)
        phases["first_answer"] = row((now := time.monotonic()) - seconds, now, t0, installed)
        while "at" not in seen and app.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
        if "at" in seen:  # else the timeout or a dead app: the results show no index phase
            phases["index"] = row(launched, seen["at"], t0, installed) | {"line": seen["line"]}
            if args.second:
                seconds, answers["second"] = ask(python, url, args.question, deadline)
                phases["second_answer"] = row((now := time.monotonic()) - seconds, now, t0)
            # A restart on the built index: the page, then the first question at once.
            stop(app)
            app, launched = start_app(app_step, port, shell, work, deadline), time.monotonic()
            while not answers_200(url):
                if app.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"fresh_start: the restarted app never answered on {url}")
                time.sleep(0.5)
            phases["restart_app_up"] = row(launched, time.monotonic(), t0)
            seconds, answers["restart"] = ask(python, url, args.question, deadline)
            phases["restart_first_answer"] = row((now := time.monotonic()) - seconds, now, t0)
    finally:
        done.set()
        stop(app)
        stop(shell.process)
    machine = {"cpu_count": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    summary = {"command": command, "commit": commit, "machine": machine, "question": args.question}
    return summary | {"phases": phases, "steps": timed, "answers": answers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, default=REPO, help="repository to clone (default: this one)")
    parser.add_argument("--workdir", type=Path, help="work folder (default: a new temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the clone, steps.log and app.log")
    parser.add_argument("--port", type=int, help="the app's port (default: a free one)")
    parser.add_argument("--question", default="How do I become an Edge AI engineer?")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds for the whole run")
    parser.add_argument("--second", action=argparse.BooleanOptionalAction, default=True, help="ask again at the end")
    parser.add_argument("--out", type=Path, default=REPO / "bench-results" / "fresh_start.json")
    args = parser.parse_args()
    # A `kill` too must reach the finally blocks that stop the app and remove the work folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # A --workdir that existed before is not ours to delete: only the clone made in it goes.
    made = args.workdir is None or not args.workdir.exists()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="fresh_start-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = measure(args, work)
    finally:
        if args.keep:
            print(f"fresh_start: kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work if made else work / "advisor", ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\n{'phase':<14} {'seconds':>8} {'at_s':>8} {'after_install_s':>16}", file=sys.stderr)
    for name, phase in results["phases"].items():
        after = phase.get("after_install_s", "")
        print(f"{name:<14} {phase['seconds']:>8} {phase['at_s']:>8} {after:>16}", file=sys.stderr)


if __name__ == "__main__":
    main()
