"""Password hashing (Argon2id), the password policy and the administrator's recovery code.

The hash parameters are tuned so that one sign-in costs about 0.3–0.5 s on a two-core laptop: slow enough
that guessing a stolen file's passwords is expensive, fast enough that nobody waits at the login
(``bench/bench_login.py`` measures it beside argon2-cffi's defaults). Hashes keep their parameters in their
encoded form, so a hash made with other parameters still verifies and is renewed at the next sign-in.
"""

from __future__ import annotations

import secrets
import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from desktop_app.domain.errors import DomainError

# Argon2id, 3 passes over 128 MiB with 2 lanes: ~0.38 s per verify on the 2-core test machine
TIME_COST = 3
MEMORY_KIB = 128 * 1024
PARALLELISM = 2

HASHER = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM, type=Type.ID)

MIN_LENGTH = 8
MAX_LENGTH = 128
_COMMON = frozenset(
    {
        "12345678",
        "123456789",
        "1234567890",
        "87654321",
        "11111111",
        "88888888",
        "66666666",
        "password",
        "password1",
        "abc12345",
        "abcd1234",
        "qwertyui",
        "a1234567",
        "admin123",
        "iloveyou",
        "woaini1314",
    }
)

# no 0/O, 1/I/L, 5/S or 2/Z: a code read aloud over the phone or copied from paper is not misread
RECOVERY_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
RECOVERY_GROUPS = 5
RECOVERY_GROUP_LEN = 4

_dummy_hash: str | None = None


def hasher() -> PasswordHasher:
    """The hasher in use (a module attribute, so that tests may swap in cheaper parameters)."""
    return HASHER


def hash_secret(secret: str) -> str:
    return hasher().hash(secret)


def verify(encoded: str, secret: str) -> bool:
    """Whether ``secret`` matches ``encoded`` (a damaged hash counts as a mismatch, never as a crash)."""
    try:
        return bool(hasher().verify(encoded, secret))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(encoded: str) -> bool:
    try:
        return bool(hasher().check_needs_rehash(encoded))
    except InvalidHashError:
        return True


def burn_time(secret: str) -> None:
    """Spend what a real verify costs, so that an unknown name answers as slowly as a wrong password."""
    global _dummy_hash
    if _dummy_hash is None or needs_rehash(_dummy_hash):
        _dummy_hash = hash_secret("fupin-desk-no-such-account")
    verify(_dummy_hash, secret)


def password_problem(password: str, name: str) -> str | None:
    """What is wrong with ``password`` for the account ``name`` (Chinese, names what to do), or None."""
    if len(password) < MIN_LENGTH:
        return f"密码至少需要 {MIN_LENGTH} 个字符。"
    if len(password) > MAX_LENGTH:
        return f"密码最多 {MAX_LENGTH} 个字符。"
    if password != password.strip():
        return "密码的开头和结尾不能是空格。"
    clean_name = " ".join(name.split())
    if clean_name and clean_name.lower() in password.lower():
        return "密码不能包含账户名。"
    if len(set(password)) < 3:
        return "密码过于简单（重复的字符）；请混合使用字母、数字或符号。"
    if password.lower() in _COMMON or password.isdigit() and _is_sequence(password):
        return "这是常见密码，很容易被猜到；请换一个。"
    return None


def _is_sequence(digits: str) -> bool:
    steps = {int(b) - int(a) for a, b in zip(digits, digits[1:], strict=False)}
    return steps in ({1}, {-1})


def check_password(password: str, name: str) -> None:
    problem = password_problem(password, name)
    if problem is not None:
        raise DomainError("weak_password", problem, "The password does not meet the policy: " + problem)


def new_recovery_code() -> str:
    """A random code grouped for reading aloud: ``K7QF-3MXD-…`` (5 × 4 characters, about 95 bits)."""
    groups = (
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUP_LEN)) for _ in range(RECOVERY_GROUPS)
    )
    return "-".join(groups)


def normalize_recovery_code(code: str) -> str:
    """The code as typed (any case, spaces or dashes, full-width characters) in its canonical form."""
    flat = unicodedata.normalize("NFKC", code).upper()
    chars = [c for c in flat if c.isalnum()]
    groups = ["".join(chars[i : i + RECOVERY_GROUP_LEN]) for i in range(0, len(chars), RECOVERY_GROUP_LEN)]
    return "-".join(groups)
