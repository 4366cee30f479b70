"""Password hashing: Argon2id with OWASP's recommended parameters.

OWASP's Password Storage Cheat Sheet recommends Argon2id with at least 19 MiB of memory, 2
iterations and 1 degree of parallelism (m=19456, t=2, p=1). Django's default Argon2 (100 MiB, 2
iterations, 8 lanes) costs about five times the memory, so a burst of sign-ins (the start of a
working day, or someone guessing) takes hundreds of megabytes and a quarter of a second each.

The algorithm keeps Django's name, "argon2", so every existing hash is still checked; a hash made
with other parameters is made again with these the next time its owner signs in (Django's
`must_update`).
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher

ARGON2_MEMORY_KIB = 19 * 1024  # 19 MiB
ARGON2_ITERATIONS = 2
ARGON2_LANES = 1


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id (Django's argon2 type), 19 MiB, 2 iterations, 1 lane."""

    time_cost = ARGON2_ITERATIONS
    memory_cost = ARGON2_MEMORY_KIB
    parallelism = ARGON2_LANES
