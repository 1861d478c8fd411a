"""Import each module named on the command line in a process of its own, as a fresh interpreter would.

Third-party libraries are imported once, first, then each module is imported in a forked child: a cycle among
Ossify's own modules shows exactly as in `python -c "import <module>"`, without paying Flask's import time per
module. Prints one line per module that fails: `module<TAB>error`.
"""
import os
import sys
import traceback

THIRD_PARTY = ["flask", "flask_login", "flask_migrate", "flask_sqlalchemy", "flask_wtf", "flask_limiter",
               "flask_smorest", "sqlalchemy", "sqlalchemy.orm", "wtforms", "marshmallow", "webargs", "werkzeug",
               "itsdangerous", "limits", "email_validator", "zoneinfo"]


def main(modules: list[str]) -> None:
    for name in THIRD_PARTY:
        __import__(name)
    assert not [m for m in sys.modules if m == "app" or m.startswith("app.")]
    for module in modules:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            try:
                __import__(module)
                os._exit(0)
            except BaseException:  # noqa: BLE001  (any failure to import is the finding)
                message = traceback.format_exc().strip().splitlines()[-1]
                os.write(write, message.encode()[:2000])
                os._exit(1)
        os.close(write)
        with os.fdopen(read) as pipe:
            error = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status:
            print(f"{module}\t{error or 'failed'}")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
