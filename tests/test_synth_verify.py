"""The verification sandbox (issue 18): every failing program is rejected with its reason, every correct
one kept, and a program that loops, forks, writes outside its temp dir or opens a socket is stopped and
counted (its attempt did not happen)."""

from __future__ import annotations

import gzip
import json
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from curation.synth.sandbox import network_namespace, run_sandboxed
from curation.synth.verify import Verdict, run_python_tests

ADD = "def add(a, b):\n    return a + b\n"
ASSERTS = "assert add(2, 3) == 5\nassert add(-1, 1) == 0\n"

#: (case, program, tests, keyword arguments) of programs that are correct: all must be kept.
CORRECT = [
    ("assert_script", ADD, ASSERTS, {}),
    ("import_from_solution", ADD, "from solution import add\nassert add(1, 1) == 2\n", {}),
    ("test_functions", ADD, "def test_small():\n    assert add(1, 2) == 3\n\ndef test_neg():\n    assert add(-2, -2) == -4\n", {}),
    ("unittest_case", ADD, "import unittest\n\nclass T(unittest.TestCase):\n    def test_add(self):\n"
                           "        self.assertEqual(add(2, 2), 4)\n\nif __name__ == '__main__':\n    unittest.main()\n", {}),
    ("unittest_main_unguarded", ADD, "import unittest\nclass T(unittest.TestCase):\n    def test_add(self):\n"
                                     "        self.assertEqual(add(2, 2), 4)\nunittest.main()\n", {}),
    ("program_main_guard_reads_stdin", ADD + "if __name__ == '__main__':\n    print(add(*map(int, input().split())))\n", ASSERTS, {}),
    ("files_in_its_temp_dir", "import os, tempfile\n\ndef roundtrip(s):\n    os.makedirs('a/b', exist_ok=True)\n"
                              "    with open('a/b/x.txt', 'w') as fh:\n        fh.write(s)\n    os.rename('a/b/x.txt', 'a/y.txt')\n"
                              "    with tempfile.NamedTemporaryFile('w') as fh:\n        fh.write(s)\n"
                              "    with open(os.path.expanduser('~/z.txt'), 'w') as fh:\n        fh.write(s)\n"
                              "    return open('a/y.txt').read()\n", "assert roundtrip('hi') == 'hi'\n", {}),
    ("threads", "import threading\n\ndef total(xs):\n    out = []\n    ts = [threading.Thread(target=out.append, args=(x,)) for x in xs]\n"
                "    [t.start() for t in ts]\n    [t.join() for t in ts]\n    return sum(out)\n", "assert total(range(10)) == 45\n", {}),
    ("recursion_and_prints", "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint('loaded')\n",
     "for i in range(20):\n    print(i, fib(i))\nassert fib(20) == 6765\n", {}),
    ("unicode_and_dev_null", "def shout(s):\n    with open('/dev/null', 'w') as fh:\n        fh.write(s)\n    return s.upper() + '!'\n",
     "assert shout('straße') == 'STRASSE!'\n", {}),
    ("imports_subprocess_unused", "import subprocess, socket, os\n\ndef double(x):\n    return 2 * x\n", "assert double(4) == 8\n", {}),
    ("numpy_with_ctypes_imported", "import ctypes\nimport numpy as np\n\ndef add(a, b):\n    return int(np.add(a, b))\n", ASSERTS,
     {"memory_mb": 512}),
    ("thread_left_running", "import threading, time\n\ndef add(a, b):\n    threading.Thread(target=time.sleep, args=(600,)).start()\n"
                            "    return a + b\n", ASSERTS, {}),
    ("sqlite_in_memory", "import sqlite3\n\ndef add(a, b):\n    return sqlite3.connect(':memory:').execute('select ?+?', (a, b)).fetchone()[0]\n",
     ASSERTS, {}),
    ("uses_memory_within_limit", "def big():\n    return len(bytearray(50 * 2**20))\n", "assert big() == 50 * 2**20\n", {"memory_mb": 512}),
]

OUTSIDE = Path(tempfile.gettempdir()) / "curation-sandbox-escape-marker"

#: (case, program, tests, keyword arguments, expected reason) of programs that must be rejected.
FAILING = [
    ("wrong_result", "def add(a, b):\n    return a - b\n", ASSERTS, {}, "tests_failed"),
    ("wrong_in_one_test_function", ADD, "def test_a():\n    assert add(1, 1) == 2\n\ndef test_b():\n    assert add(1, 1) == 3\n", {}, "tests_failed"),
    ("wrong_unittest", "def add(a, b):\n    return a * b\n", "import unittest\nclass T(unittest.TestCase):\n"
                                                               "    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n", {}, "tests_failed"),
    ("raises_in_tests", "def add(a, b):\n    return a + undefined\n", ASSERTS, {}, "tests_failed"),
    ("pytest_fixture_test", ADD, "def test_x(tmp_path):\n    assert add(1, 1) == 2\n", {}, "tests_failed"),
    ("raises_at_import", "raise ValueError('boom')\n" + ADD, ASSERTS, {}, "program_error"),
    ("exits_at_import", "import sys\nsys.exit(0)\n" + ADD, ASSERTS, {}, "program_exit"),
    ("hard_exit", "import os\nos._exit(0)\n", ASSERTS, {}, "no_result"),
    ("syntax_error", "def add(a, b)\n    return a + b\n", ASSERTS, {}, "syntax_error"),
    ("syntax_error_in_tests", ADD, "assert add(1, 2) == = 3\n", {}, "syntax_error"),
    ("no_tests", ADD, "add(1, 2)\n", {}, "no_tests"),
    ("infinite_loop", "def add(a, b):\n    while True:\n        pass\n", ASSERTS, {"timeout_s": 1}, "timeout"),
    ("sleeps", "import time\ndef add(a, b):\n    time.sleep(600)\n", ASSERTS, {"timeout_s": 1, "wall_s": 3}, "timeout"),
    ("fork", "import os\ndef add(a, b):\n    if os.fork() == 0:\n        os._exit(0)\n    return a + b\n", ASSERTS, {}, "forbidden_fork"),
    ("fork_caught_then_passes", "import os\ndef add(a, b):\n    try:\n        os.fork()\n    except OSError:\n        pass\n"
                                "    return a + b\n", ASSERTS, {}, "forbidden_fork"),
    ("fork_bomb", "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        break\n" + ADD, ASSERTS, {}, "forbidden_fork"),
    ("subprocess", "import subprocess\ndef add(a, b):\n    return int(subprocess.check_output(['expr', str(a), '+', str(b)]))\n",
     ASSERTS, {}, "forbidden_fork"),
    ("os_system", "import os\ndef add(a, b):\n    os.system('true')\n    return a + b\n", ASSERTS, {}, "forbidden_fork"),
    ("multiprocessing_spawn", "import multiprocessing as mp\ndef add(a, b):\n    p = mp.get_context('spawn').Process(target=abs, args=(a,))\n"
                              "    p.start()\n    p.join()\n    return a + b\n", ASSERTS, {}, "forbidden_fork"),
    ("multiprocessing_fork", "import multiprocessing as mp\ndef add(a, b):\n    p = mp.get_context('fork').Process(target=abs, args=(a,))\n"
                             "    p.start()\n    p.join()\n    return a + b\n", ASSERTS, {}, "forbidden_fork"),
    ("write_outside", f"def add(a, b):\n    open({str(OUTSIDE)!r}, 'w').write('x')\n    return a + b\n", ASSERTS, {}, "forbidden_write"),
    ("write_outside_by_symlink", f"import os\ndef add(a, b):\n    os.symlink({str(OUTSIDE)!r}, 'link')\n"
                                 "    open('link', 'w').write('x')\n    return a + b\n", ASSERTS, {}, "forbidden_write"),
    ("write_outside_by_os_open", f"import os\ndef add(a, b):\n    os.close(os.open({str(OUTSIDE)!r}, os.O_CREAT | os.O_WRONLY))\n"
                                 "    return a + b\n", ASSERTS, {}, "forbidden_write"),
    ("delete_outside", f"import os\ndef add(a, b):\n    os.remove({str(OUTSIDE)!r} + '.keep')\n    return a + b\n",
     ASSERTS, {}, "forbidden_write"),
    ("chdir_then_write", f"import os\ndef add(a, b):\n    os.chdir({str(OUTSIDE.parent)!r})\n    open({OUTSIDE.name!r}, 'w').close()\n"
                         "    return a + b\n", ASSERTS, {}, "forbidden_write"),
    ("rename_into_an_outside_dir_fd", f"import os\ndef add(a, b):\n    open('x', 'w').close()\n"
                                      f"    os.rename('x', {OUTSIDE.name!r}, dst_dir_fd=os.open({str(OUTSIDE.parent)!r}, os.O_RDONLY))\n"
                                      "    return a + b\n", ASSERTS, {}, "forbidden_write"),
    ("sqlite_file_outside", f"import sqlite3\ndef add(a, b):\n    sqlite3.connect({str(OUTSIDE)!r}).execute('create table t(x)')\n"
                            "    return a + b\n", ASSERTS, {}, "forbidden_write"),
    ("ctypes_libc_symbol", "import ctypes\ndef add(a, b):\n    ctypes.CDLL(None).fork()\n    return a + b\n", ASSERTS, {}, "forbidden_escape"),
    ("ctypes_load_libc", "import ctypes\ndef add(a, b):\n    ctypes.CDLL('libc.so.6')\n    return a + b\n", ASSERTS, {}, "forbidden_escape"),
    ("ctypes_raw_memory", "import ctypes\ndef add(a, b):\n    return ctypes.c_long.from_address(id(a)).value\n", ASSERTS, {}, "forbidden_escape"),
    ("gc_reaches_the_hook", "import gc\ndef add(a, b):\n    gc.get_objects()\n    return a + b\n", ASSERTS, {}, "forbidden_escape"),
    ("kills_its_parent", "import os, signal\ndef add(a, b):\n    os.kill(os.getppid(), signal.SIGTERM)\n    return a + b\n",
     ASSERTS, {}, "forbidden_escape"),
    ("memory_hog_at_once", "def add(a, b):\n    return len(bytearray(4 * 2**30)) + a + b\n", ASSERTS, {"memory_mb": 256}, "memory"),
    ("memory_hog_growing", "def add(a, b):\n    xs = []\n    while True:\n        xs.append(' ' * 2**20)\n", ASSERTS, {"memory_mb": 256}, "memory"),
    ("huge_output", "def add(a, b):\n    while True:\n        print('spam' * 256)\n", ASSERTS, {}, "output_limit"),
    ("huge_file", "def add(a, b):\n    with open('big.bin', 'wb') as fh:\n        fh.write(bytes(100 * 2**20))\n    return a + b\n",
     ASSERTS, {}, "file_limit"),
]


@pytest.fixture(scope="module")
def listener():
    """A loopback server: a socket test must leave it without a connection."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def _socket_cases(port: int) -> list[tuple[str, str, str, dict, str]]:
    connect = f"import socket\ndef add(a, b):\n    socket.create_connection(('127.0.0.1', {port}), timeout=2)\n    return a + b\n"
    caught = (f"import socket\ndef add(a, b):\n    try:\n        socket.socket().connect(('127.0.0.1', {port}))\n"
              "    except OSError:\n        pass\n    return a + b\n")
    url = f"import urllib.request\ndef add(a, b):\n    urllib.request.urlopen('http://127.0.0.1:{port}/', timeout=2)\n    return a + b\n"
    return [("socket_connect", connect, ASSERTS, {}, "forbidden_socket"),
            ("socket_caught_then_passes", caught, ASSERTS, {}, "forbidden_socket"),
            ("http_request_no_network_namespace", url, ASSERTS, {"isolate_network": False}, "forbidden_socket")]


def _temp_dirs() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("curation-verify-*")}


@pytest.mark.parametrize("case,program,tests,kwargs", CORRECT, ids=[c[0] for c in CORRECT])
def test_correct_programs_are_kept(case, program, tests, kwargs):
    verdict = run_python_tests(program, tests, **kwargs)
    assert verdict == Verdict(True, "passed", verdict.detail), (case, verdict)


def test_failing_programs_are_rejected_with_their_reason_and_stopped(listener):
    OUTSIDE.unlink(missing_ok=True)
    keep = Path(str(OUTSIDE) + ".keep")
    keep.write_text("must survive")
    before = _temp_dirs()
    wrong = []
    for case, program, tests, kwargs, reason in FAILING + _socket_cases(listener.getsockname()[1]):
        verdict = run_python_tests(program, tests, **kwargs)
        if verdict.ok or verdict.reason != reason:
            wrong.append((case, reason, verdict))
    assert wrong == []
    assert not OUTSIDE.exists() and keep.read_text() == "must survive"  # the writes were refused, not done
    keep.unlink()
    with pytest.raises(BlockingIOError):
        listener.accept()  # no connection reached the server
    assert _temp_dirs() <= before  # every temp dir removed


def test_a_refused_attempt_is_counted_even_when_the_tests_pass():
    verdict = run_python_tests("import os\ndef f():\n    for _ in range(3):\n        try:\n            os.fork()\n"
                               "        except OSError:\n            pass\n    return 1\n", "assert f() == 1\n")
    assert (verdict.ok, verdict.reason) == (False, "forbidden_fork") and "3 time(s)" in verdict.detail


def test_a_process_pool_is_rejected():
    """A Pool first makes a semaphore in /dev/shm: Landlock refuses that file (no audit event names it),
    and without Landlock the hook refuses the fork. Rejected either way."""
    verdict = run_python_tests("import multiprocessing as mp\ndef add(a, b):\n    with mp.get_context('spawn').Pool(2) as p:\n"
                               "        return sum(p.map(abs, [a, b]))\n", ASSERTS)
    assert not verdict.ok and verdict.reason in ("forbidden_fork", "tests_failed"), verdict


def test_timeout_counts_cpu_seconds_and_kills_the_loop():
    run = run_sandboxed("def f():\n    while True:\n        pass\n", "assert f()\n", timeout_s=0.5, memory_mb=256)
    assert run.stopped == "timeout" or run.returncode == -signal.SIGXCPU  # the parent's kill, or the backstop
    assert run.returncode in (-signal.SIGKILL, -signal.SIGXCPU) and 0.5 <= run.cpu_s < 2.5


def test_runs_are_deterministic_with_a_fixed_hash_seed():
    expected = subprocess.run([sys.executable, "-c", "print(hash('curation'))"], env={"PYTHONHASHSEED": "0"},
                              capture_output=True, text=True, check=True).stdout.strip()
    verdict = run_python_tests("def h():\n    return hash('curation')\n", f"assert h() == {expected}\n")
    assert verdict.ok, verdict
    other = run_python_tests("def h():\n    return hash('curation')\n", f"assert h() == {int(expected) + 1}\n")
    assert other.reason == "tests_failed"


def test_the_environment_is_cleared():
    verdict = run_python_tests("import os\ndef env():\n    return sorted(os.environ)\n",
                               "assert env() == ['HOME', 'LANG', 'MKL_NUM_THREADS', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', "
                               "'PATH', 'PYTHONHASHSEED', 'TMPDIR'], env()\n")
    assert verdict.ok, verdict


@pytest.mark.skipif(not network_namespace(), reason="this machine gives no unprivileged network namespace (unshare -rn)")
def test_in_a_network_namespace_only_a_private_loopback_exists():
    program = "def ifaces():\n    return sorted(l.split(':')[0].strip() for l in open('/proc/net/dev').read().splitlines()[2:])\n"
    verdict = run_python_tests(program, "assert ifaces() == ['lo'], ifaces()\n", isolate_network=True)
    assert verdict.ok, verdict
    host = sorted(line.split(":")[0].strip() for line in Path("/proc/net/dev").read_text().splitlines()[2:])
    if host != ["lo"]:  # the host's interfaces are what the namespace hides
        assert run_python_tests(program, "assert ifaces() == ['lo'], ifaces()\n", isolate_network=False).reason == "tests_failed"


def test_humaneval_reference_solutions_pass_and_stubs_fail(shared_data):
    """Real programs and tests (HumanEval, MIT): every 8th problem's reference solution is kept, and the
    same prompt with a stub body is rejected."""
    rows = [json.loads(line) for line in gzip.open(shared_data / "benchmarks" / "HumanEval.jsonl.gz", "rt")][::8]
    wrong = []
    for row in rows:
        tests = row["test"] + f"\ncheck({row['entry_point']})\n"
        kept = run_python_tests(row["prompt"] + row["canonical_solution"], tests)
        stub = run_python_tests(row["prompt"] + "    return None\n", tests)
        if not kept.ok or stub.ok or stub.reason != "tests_failed":
            wrong.append((row["task_id"], kept, stub))
    assert len(rows) == 21 and wrong == []


def _kernel_cases(port: int) -> list[tuple[str, str]]:
    out = str(OUTSIDE)
    return [
        ("fork", "import os\ndef f():\n    return os.fork() >= 0\n"),
        ("subprocess", "import subprocess\ndef f():\n    return subprocess.run(['true']).returncode == 0\n"),
        ("exec", "import os\ndef f():\n    os.execv('/bin/true', ['true'])\n"),
        ("libc_fork_through_ctypes", "import ctypes, os\ndef f():\n    if ctypes.CDLL(None, use_errno=True).fork() < 0:\n"
                                     "        raise OSError(ctypes.get_errno(), 'fork')\n    return True\n"),
        ("tcp_connect", f"import socket\ndef f():\n    return socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"),
        ("udp_send", f"import socket\ndef f():\n    return socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('127.0.0.1', {port}))\n"),
        ("write_outside", f"def f():\n    return open({out!r}, 'w').write('x')\n"),
        ("write_by_dir_fd", f"import os\ndef f():\n    return os.open({OUTSIDE.name!r}, os.O_CREAT | os.O_WRONLY, dir_fd=os.open({str(OUTSIDE.parent)!r}, os.O_RDONLY))\n"),
        ("fifo_outside", f"import os\ndef f():\n    return os.mkfifo({out!r}) or True\n"),
        ("signal_the_parent", "import os\ndef f():\n    return os.kill(os.getppid(), 0) or True\n"),
    ]


def test_the_kernel_guards_stop_what_the_audit_hook_would_not_see(listener):
    """With the audit hook left out, Landlock and seccomp alone stop each attempt (the program's tests
    fail on the PermissionError) and correct programs with threads and local socket pairs still pass."""
    probe = run_sandboxed("x = 1\n", "assert x\n", timeout_s=5, memory_mb=256, audit_hook=False)
    if not (probe.guards.get("landlock", 0) >= 6 and probe.guards.get("seccomp")):
        pytest.skip(f"this kernel gives no Landlock ABI 6 and seccomp to an unprivileged process: {probe.guards}")
    OUTSIDE.unlink(missing_ok=True)
    wrong = []
    for case, program in _kernel_cases(listener.getsockname()[1]):
        run = run_sandboxed(program, "assert f()\n", timeout_s=5, memory_mb=256, audit_hook=False, isolate_network=False)
        if run.status != "tests_failed" or "PermissionError" not in run.detail or run.violations:
            wrong.append((case, run.status, run.detail))
    assert wrong == [] and not OUTSIDE.exists()
    with pytest.raises(BlockingIOError):
        listener.accept()
    threads = ("import socket, threading\ndef f():\n    a, b = socket.socketpair()\n    t = threading.Thread(target=a.send, args=(b'x',))\n"
               "    t.start()\n    t.join()\n    return b.recv(1) == b'x'\n")
    assert run_sandboxed(threads, "assert f()\n", timeout_s=5, memory_mb=256, audit_hook=False).status == "passed"


def test_verdicts_are_the_same_on_every_run():
    """A job's output holds the verdicts: no measured seconds, byte counts or temp dir names in them."""
    cases = [("import os\ndef f():\n    return open(os.path.join(os.getcwd(), 'missing.txt')).read()\n", "assert f()\n", {}),
             ("def f():\n    while True:\n        pass\n", "assert f()\n", {"timeout_s": 0.5}),
             ("def f():\n    while True:\n        print('spam' * 256)\n", "assert f()\n", {}),
             ("import os\ndef f():\n    try:\n        os.fork()\n    except OSError:\n        pass\n", "assert f() is None\n", {})]
    for program, tests, kwargs in cases:
        first, second = (run_python_tests(program, tests, **kwargs) for _ in range(2))
        assert first == second and not first.ok and "curation-verify-" not in first.detail, (first, second)


def test_a_sandbox_that_cannot_start_raises_instead_of_rejecting(monkeypatch):
    from curation.synth import sandbox
    from curation.synth.verify import SandboxStartError

    monkeypatch.setattr(sandbox, "CHILD", "/nonexistent/curation-sandbox-child.py")
    with pytest.raises(SandboxStartError, match="did not start"):
        run_python_tests(ADD, ASSERTS)


def test_concurrent_sandboxes_give_the_sequential_verdicts():
    """A generation job verifies from several threads at once."""
    from concurrent.futures import ThreadPoolExecutor

    cases = [CORRECT[0], CORRECT[2], CORRECT[7]] + [c[:4] for c in FAILING[:3]] + [c[:4] for c in FAILING[13:16]]
    sequential = [run_python_tests(p, t, **k) for _, p, t, k in cases]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda c: run_python_tests(c[1], c[2], **c[3]), cases))
    assert together == sequential and [v.ok for v in sequential] == [True] * 3 + [False] * 6


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL], ids=["ctrl_c", "sigkill"])
def test_a_stopped_caller_leaves_no_sandbox_behind(stop, tmp_path):
    """Ctrl-C in the caller kills the sandbox (it is in its own session, out of the terminal's reach);
    a caller killed outright takes it along (PR_SET_PDEATHSIG)."""
    import os
    import time

    import psutil

    from tests.conftest import ROOT

    # A caller started in the background of a non-interactive shell inherits SIGINT ignored, and Python then
    # installs no KeyboardInterrupt handler: give it the handler a terminal user's process has.
    script = ("import signal\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n"
              "from curation.synth.verify import run_python_tests\n"
              "run_python_tests('import time\\ntime.sleep(600)\\n', 'assert 1\\n', timeout_s=1, wall_s=600)\n")
    caller = subprocess.Popen([sys.executable, "-c", script], env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=tmp_path,
                              stderr=subprocess.DEVNULL)
    deadline, child = time.monotonic() + 120, None
    while child is None and time.monotonic() < deadline:
        time.sleep(0.1)
        for proc in psutil.Process(caller.pid).children():
            try:
                if any("_sandbox_child.py" in part for part in proc.cmdline()):
                    child = proc
            except psutil.Error:
                pass
    assert child is not None, "the sandbox child did not start"
    time.sleep(0.5)  # past its start-up: the program is sleeping
    caller.send_signal(stop)
    caller.wait(timeout=60)
    child.wait(timeout=30)  # psutil.TimeoutExpired if it outlived its caller
    assert not child.is_running()
    left = list(Path(tempfile.gettempdir()).glob(f"curation-verify-{caller.pid}-*"))
    assert len(left) == (1 if stop == signal.SIGKILL else 0)  # killed outright: no finally ran
    if left:  # the next process to use the sandbox removes it
        sweep = "from curation.synth.verify import run_python_tests\nassert run_python_tests('x = 1', 'assert x').ok\n"
        subprocess.run([sys.executable, "-c", sweep], env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True)
        assert not left[0].exists()
