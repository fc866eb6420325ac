"""Sign-in benchmark: what one login costs with the shipped Argon2id parameters.

Measures, in the same run:
- one ``PasswordHasher().verify`` with argon2-cffi's defaults (the baseline: 3 passes, 64 MiB, 4 lanes);
- one bare ``verify`` with the shipped parameters (``services.accounts.passwords``: 3 passes, 128 MiB,
  2 lanes);
- one whole ``accounts.sign_in`` on a SQLite file (read the account, verify, write the login and its
  ``session.login`` unit of work);
- a wrong password and an unknown name (the dummy hash keeps both as slow as a real verify, so that the
  login does not tell which names exist).
Target (issue 14): a sign-in takes 0.3–0.5 s on the 2-core test machine.

Run: ``.venv/bin/python bench/bench_login.py [--runs N]`` (about 20 s with the default 7 runs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    from argon2 import PasswordHasher

    from desktop_app.services import accounts, open_database
    from desktop_app.services.accounts import passwords

    secret = "Bench-pass-2026"
    default = PasswordHasher()
    default_hash = default.hash(secret)
    shipped_hash = passwords.hash_secret(secret)
    baseline = timed(runs, lambda: default.verify(default_hash, secret))
    bare = timed(runs, lambda: passwords.verify(shipped_hash, secret))

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench_login.sqlite", device_id="bench")
        accounts.create_first_admin(db, "王芳", "县扶贫办", secret)
        login = timed(runs, lambda: accounts.sign_in(db, "王芳", secret))

        def refused(name: str, password: str) -> Callable[[], None]:
            def attempt() -> None:
                try:
                    accounts.sign_in(db, name, password)
                except accounts.SignInError:
                    pass

            return attempt

        unknown = timed(runs, refused("没有这个人", secret))
        wrong = timed(1, refused("王芳", "wrong-password"))  # once: more would reach the slow-down
        db.close()

    p = passwords
    print(f"Argon2id parameters: time_cost={p.TIME_COST}, memory_cost={p.MEMORY_KIB} KiB, parallelism={p.PARALLELISM}")
    d = default
    print(
        f"baseline PasswordHasher().verify (t={d.time_cost}, m={d.memory_cost} KiB, p={d.parallelism}): "
        f"{baseline:.3f} s"
    )
    print(f"verify, shipped parameters:          {bare:.3f} s  ({bare / baseline:.2f} × baseline)")
    print(f"sign_in (verify + login unit of work): {login:.3f} s  ({login / baseline:.2f} × baseline)")
    print(f"unknown name (dummy hash):            {unknown:.3f} s")
    print(f"wrong password (counted failure):      {wrong:.3f} s")
    verdict = "within" if 0.3 <= login <= 0.5 else "OUTSIDE"
    print(f"target 0.3–0.5 s per sign-in: {verdict} (median of {runs} runs)")


if __name__ == "__main__":
    main()
