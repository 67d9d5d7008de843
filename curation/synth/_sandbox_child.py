"""The verification child: runs one generated program and its tests under limits, kernel guards
(Landlock, seccomp) and an audit hook; ``curation.synth.sandbox`` says what each stops.

Started by ``curation.synth.sandbox`` as a script in a fresh temp dir (its cwd, HOME and TMPDIR); it
imports nothing from ``curation`` (the installed package may be another checkout). It reads a token from
stdin and reports on its own pipe, one JSON line each, carrying the token: ``{"violation": reason}`` the
moment a forbidden action is tried (so a program that catches the PermissionError, or exits at once, is
still counted) and ``{"status": reason}`` at the end. Lines without the token are ignored by the parent.
"""

import ast
import errno
import io
import json
import linecache
import os
import resource
import signal
import sys
import traceback
import types
import unittest

import _posixsubprocess  # noqa: F401  (imported before the hook so its fork_exec can be replaced)
import subprocess  # noqa: F401  (a program may import it; running it is what is refused)

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
FORK_EVENTS = {"os.fork", "os.forkpty", "os.exec", "os.posix_spawn", "os.spawn", "os.system", "subprocess.Popen",
               "os.startfile"}
SOCKET_EVENTS = {"socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo", "socket.gethostbyname",
                 "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg"}
#: Ways around the hook that Python itself audits: C calls (loading a library, looking up a symbol, calling
#: through ctypes) and reaching the hook's own objects.
ESCAPE_EVENTS = {"ctypes.dlopen", "ctypes.dlsym", "ctypes.cdata", "ctypes.call_function", "gc.get_objects",
                 "gc.get_referrers", "gc.get_referents", "os.kill", "os.killpg", "signal.pthread_kill"}
#: Audited path operations that change the file system: event -> positions of the changed paths.
PATH_EVENTS = {"os.remove": (0,), "os.rmdir": (0,), "os.rename": (0, 1), "os.mkdir": (0,), "os.chmod": (0,),
               "os.chown": (0,), "os.link": (1,), "os.symlink": (1,), "os.truncate": (0,), "os.utime": (0,),
               "os.setxattr": (0,), "os.removexattr": (0,), "shutil.rmtree": (0,), "os.chflags": (0,),
               "sqlite3.connect": (0,)}
#: Where an event gives the dir_fd a relative path is resolved against: per event, or per path position.
DIR_FD = {"os.remove": 1, "os.rmdir": 1, "os.mkdir": 2, "os.chmod": 2, "os.chown": 3, "os.symlink": 2, "os.utime": 3,
          "os.rename": {0: 2, 1: 3}, "os.link": {1: 3}}
ALLOWED_OUTSIDE = {"/dev/null"}


def set_limits(memory_mb: int, cpu_s: int, nproc: int, fsize_mb: int) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))  # SIGXCPU, then SIGKILL: a backstop
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize_mb << 20, fsize_mb << 20))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit raises EFBIG instead
    if nproc >= 0:  # root is exempt from RLIMIT_NPROC: the parent passes -1 then
        resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))


# Kernel guards (Linux), installed before the audit hook: what Python does not audit cannot get past them.
LANDLOCK_FS_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}  # ABI -> access rights
READS = (1 << 2) | (1 << 3)  # READ_FILE, READ_DIR: left unhandled (allowed everywhere)
DEV_NULL_RIGHTS = (1 << 1) | (1 << 14)  # WRITE_FILE, TRUNCATE
#: Syscall numbers refused by seccomp: fork, vfork, execve, execveat, ptrace, io_uring_setup; clone, clone3, socket.
SYSCALLS = {"x86_64": (0xC000003E, (57, 58, 59, 322, 101, 425), 56, 435, 41),
            "aarch64": (0xC00000B7, (221, 281, 117, 425), 220, 435, 198)}


def call(function, *args) -> int:
    """A variadic C call with every integer passed as a full-width long (an int leaves the upper half of
    its register undefined, and prctl and syscall check all 64 bits)."""
    import ctypes

    return function(*(ctypes.c_long(a) if isinstance(a, int) else a for a in args))


def landlock(root: str, libc) -> int:
    """Writes only below ``root`` (and to /dev/null), no exec; TCP bind/connect and signals outside the
    sandbox refused where the kernel knows how (ABI 4, 6). Returns the ABI used, 0 if none."""
    import ctypes
    import struct

    abi = call(libc.syscall, 444, None, 0, 1)  # landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)
    if abi < 1:
        return 0
    fs = LANDLOCK_FS_ABI[max(a for a in LANDLOCK_FS_ABI if a <= abi)] & ~READS
    attr = struct.pack("=QQQ", fs, 0b11 if abi >= 4 else 0, 0b11 if abi >= 6 else 0)
    size = 24 if abi >= 6 else 16 if abi >= 4 else 8
    ruleset = call(libc.syscall, 444, ctypes.c_char_p(attr[:size]), size, 0)
    if ruleset < 0:
        return 0
    try:
        for path, rights in ((root, fs & ~1), ("/dev/null", DEV_NULL_RIGHTS & fs)):  # ~1: no EXECUTE even here
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            rule = struct.pack("=Qi", rights, fd)
            done = call(libc.syscall, 445, ruleset, 1, ctypes.c_char_p(rule), 0)  # LANDLOCK_RULE_PATH_BENEATH
            os.close(fd)
            if done != 0:
                return 0
        return abi if call(libc.syscall, 446, ruleset, 0) == 0 else 0  # landlock_restrict_self
    finally:
        os.close(ruleset)


def seccomp(libc) -> bool:
    """A BPF filter: processes (fork, vfork, clone without CLONE_THREAD, exec) and sockets other than
    AF_UNIX refused with EPERM; clone3 gets ENOSYS so that threads fall back to clone."""
    import ctypes
    import platform
    import struct

    table = SYSCALLS.get(platform.machine())
    if table is None:
        return False
    arch, refused, clone, clone3, sock = table
    ld, jeq, jset, jge, ret = 0x20, 0x15, 0x45, 0x35, 0x06
    allow, eperm, enosys = 0x7FFF0000, 0x00050000 | errno.EPERM, 0x00050000 | errno.ENOSYS
    prog = [(ld, 0, 0, 4), (jeq, 1, 0, arch), (ret, 0, 0, eperm), (ld, 0, 0, 0),
            (jge, 0, 1, 0x40000000), (ret, 0, 0, eperm)]  # another ABI, x32 numbers
    for nr in refused:
        prog += [(jeq, 0, 1, nr), (ret, 0, 0, eperm)]
    prog += [(jeq, 0, 1, clone3), (ret, 0, 0, enosys),
             (jeq, 0, 4, clone), (ld, 0, 0, 16), (jset, 0, 1, 0x00010000), (ret, 0, 0, allow), (ret, 0, 0, eperm),
             (jeq, 0, 4, sock), (ld, 0, 0, 16), (jeq, 0, 1, 1), (ret, 0, 0, allow), (ret, 0, 0, eperm),
             (ret, 0, 0, allow)]
    code = ctypes.create_string_buffer(b"".join(struct.pack("=HBBI", *i) for i in prog))
    fprog = struct.pack("=HxxxxxxQ", len(prog), ctypes.addressof(code))
    return call(libc.prctl, 22, 2, ctypes.c_char_p(fprog), 0, 0) == 0  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER


def kernel_guards(root: str) -> dict:
    """Landlock and seccomp where this Linux has them (after no_new_privs); what was installed. Also
    asks to be killed with the parent thread that started it (the sandbox has no other way out)."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call(libc.prctl, 1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: a parent killed outright takes this along
        if call(libc.prctl, 38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
            return {"landlock": 0, "seccomp": False}
        return {"landlock": landlock(root, libc), "seccomp": seccomp(libc)}
    except (OSError, AttributeError):
        return {"landlock": 0, "seccomp": False}


def install_guard(root: str, report) -> None:
    """The audit hook: refuses and reports forks, sockets, writes outside ``root`` and known escapes.
    Its state lives in this closure only, out of the program's reach without ``gc`` (refused)."""

    def inside(path, dir_fd=None) -> bool:
        if isinstance(path, int) or path == ":memory:":
            return True  # an fd already open (stdout, or a file the hook let through)
        path = os.fsdecode(path)
        if isinstance(dir_fd, int) and dir_fd >= 0 and not os.path.isabs(path):  # -1: no dir_fd given
            path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
        real = os.path.realpath(path)
        return real == root or real.startswith(root + os.sep) or real in ALLOWED_OUTSIDE

    def refuse(reason: str, detail: str) -> None:
        report({"violation": reason, "detail": detail[:300]})
        raise PermissionError(f"sandbox: {reason}: {detail[:200]}")

    def hook(event: str, args: tuple) -> None:
        if event in FORK_EVENTS:
            refuse("forbidden_fork", event)
        elif event in SOCKET_EVENTS:
            refuse("forbidden_socket", event)
        elif event in ESCAPE_EVENTS:
            if event in ("os.kill", "os.killpg") and args and args[0] in (0, os.getpid()):
                return  # signalling itself is harmless
            if event == "ctypes.dlopen" and args and args[0] is None:
                return  # `import ctypes` (numpy, pandas) opens the interpreter itself; its symbols stay refused
            refuse("forbidden_escape", event)
        elif event == "open" and (args[2] or 0) & WRITE_FLAGS and not inside(args[0]):
            refuse("forbidden_write", f"open {args[0]!r} for writing")
        elif event in PATH_EVENTS:
            for i in PATH_EVENTS[event]:
                at = DIR_FD.get(event)
                at = at.get(i) if isinstance(at, dict) else at
                dir_fd = args[at] if at is not None and at < len(args) else None
                if i < len(args) and not inside(args[i], dir_fd):
                    refuse("forbidden_write", f"{event} {args[i]!r}")

    def fork_exec(*args, **kwargs):  # multiprocessing's spawn calls it directly, with no audit event
        refuse("forbidden_fork", "_posixsubprocess.fork_exec")

    sys.modules["_posixsubprocess"].fork_exec = fork_exec
    sys.addaudithook(hook)


def has_tests(tree: ast.Module) -> bool:
    return any(isinstance(n, ast.Assert) or (isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name.lower().startswith("test"))
               for n in ast.walk(tree))


def failure(exc: BaseException, where: str) -> tuple[str, str]:
    """The reason a run stopped on ``exc``, and one line saying what happened."""
    text = f"{where}: {type(exc).__name__}: {exc}"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in ("solution.py", "test_solution.py")]
    if frames:
        text += f" at {frames[-1].filename}:{frames[-1].lineno} {(frames[-1].line or '').strip()[:200]}"
    if isinstance(exc, MemoryError):
        return "memory", text
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return "file_limit", text
    if isinstance(exc, SystemExit):
        return ("program_exit" if where == "program" else "tests_failed"), f"{where}: exit {exc.code!r}"
    return ("program_error" if where == "program" else "tests_failed"), text


def run_unittests(ns: dict) -> tuple[str, str, int]:
    """TestCase classes and ``test_*`` functions the tests define, run without pytest."""
    cases = [v for v in ns.values() if isinstance(v, type) and issubclass(v, unittest.TestCase) and v.__module__ == "__main__"]
    funcs = sorted((v for k, v in ns.items() if k.startswith("test") and isinstance(v, types.FunctionType)
                    and v.__code__.co_filename == "test_solution.py"), key=lambda f: f.__code__.co_firstlineno)
    count = 0
    for case in sorted(cases, key=lambda c: c.__name__):
        result = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(unittest.defaultTestLoader.loadTestsFromTestCase(case))
        count += result.testsRun
        bad = result.errors + result.failures
        if bad:
            test, trace = bad[0]
            reason = "memory" if "MemoryError" in trace.strip().splitlines()[-1] else "tests_failed"
            return reason, f"{test.id()}: {trace.strip().splitlines()[-1]}", count
        if result.unexpectedSuccesses:
            return "tests_failed", f"{case.__name__}: unexpected success", count
    for func in funcs:
        if func.__code__.co_argcount:
            return "tests_failed", f"{func.__name__} takes arguments (pytest fixtures are not supported)", count
        try:
            func()
        except BaseException as exc:  # noqa: BLE001 - every failure is a verdict
            reason, text = failure(exc, func.__name__)
            return reason, text, count
        count += 1
    return "passed", f"{count} test functions or cases", count


def run(root: str) -> tuple[str, str]:
    with open(os.path.join(root, "solution.py"), encoding="utf-8") as fh:
        program = fh.read()
    with open(os.path.join(root, "test_solution.py"), encoding="utf-8") as fh:
        tests = fh.read()
    try:
        code = compile(program, "solution.py", "exec")
        test_tree = ast.parse(tests, "test_solution.py")
        test_code = compile(test_tree, "test_solution.py", "exec")
    except (SyntaxError, ValueError) as exc:
        name = getattr(exc, "filename", None) or "solution.py"
        return "syntax_error", f"{name} line {getattr(exc, 'lineno', '?')}: {exc}"
    if not has_tests(test_tree):
        return "no_tests", "the tests hold no assert, test function or TestCase"
    for name, source in (("solution.py", program), ("test_solution.py", tests)):  # tracebacks quote the line
        linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    module = types.ModuleType("solution")
    module.__file__ = os.path.join(root, "solution.py")
    sys.modules["solution"] = module
    try:
        exec(code, module.__dict__)
    except BaseException as exc:  # noqa: BLE001
        return failure(exc, "program")
    # The tests run as the script __main__ (its `if __name__ == "__main__":` block and unittest.main() work),
    # seeing the program's names as if it began with `from solution import *`.
    main_module = types.ModuleType("__main__")
    ns = main_module.__dict__
    ns.update({k: v for k, v in module.__dict__.items() if not k.startswith("__")})
    ns["__file__"] = os.path.join(root, "test_solution.py")
    bootstrap, sys.modules["__main__"] = sys.modules["__main__"], main_module
    try:
        exec(test_code, ns)  # an assert script runs here; unittest.main() exits 0 when its tests pass
    except SystemExit as exc:
        if exc.code not in (0, None):  # unittest.main() found a failure: name it
            reason, detail, _ = run_unittests(ns)
            return (reason, detail) if reason != "passed" else failure(exc, "tests")
    except BaseException as exc:  # noqa: BLE001
        return failure(exc, "tests")
    finally:
        sys.modules["__main__"] = bootstrap
    reason, detail, count = run_unittests(ns)
    if reason == "passed" and not count:
        detail = "assert script"
    return reason, detail


def main() -> None:
    fd, memory_mb, cpu_s, nproc, fsize_mb, audit = (int(a) for a in sys.argv[1:7])
    token = sys.stdin.readline().strip()
    root = os.path.realpath(os.getcwd())

    def report(record: dict) -> None:
        if "detail" in record:  # the same verdict on every run: no random temp dir name in it
            record = dict(record, detail=str(record["detail"]).replace(root, "<tmp>"))
        try:
            os.write(fd, (json.dumps(dict(record, token=token)) + "\n").encode())
        except OSError:
            pass  # the program closed our pipe: the parent gets no final line and rejects

    sys.path.insert(0, root)
    sys.argv = ["test_solution.py"]  # unittest.main() parses it
    sys.stdin = io.StringIO("")
    set_limits(memory_mb, cpu_s, nproc, fsize_mb)
    report({"guards": kernel_guards(root)})
    if audit:
        install_guard(root, report)
    try:
        reason, detail = run(root)
    except BaseException as exc:  # noqa: BLE001 - e.g. a MemoryError while reporting a failure
        reason, detail = failure(exc, "sandbox")
    sys.stdout.flush()
    sys.stderr.flush()
    report({"status": reason, "detail": detail[:1000]})
    os._exit(0)  # threads the program left running do not hold the process


if __name__ == "__main__":
    main()
