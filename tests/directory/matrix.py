"""The menu of support in the permission matrix (tests/test_access_matrix.py): who may read,
curate and propose, and the ids its URLs need."""

from __future__ import annotations

from resettle.audit.actors import WEB, Actor
from resettle.directory import services

from .helpers import make_service

CURATORS = {"dev", "alex"}
# A Camden service: Camden's manager may propose a change to it; Hackney's may not.
PROPOSERS = {"priya"}
MANAGERS = {"priya", "hana"}


def _service(world):
    if "directory_service" not in world.__dict__:
        world.directory_service = make_service(world.people["dev"], areas=["camden"])
    return world.directory_service


def service_kwargs(world, child):
    return {"service_id": _service(world).id}


def proposal_kwargs(world, child):
    if "directory_proposal" not in world.__dict__:
        world.directory_proposal = services.propose_change(
            Actor(world.people["priya"], via=WEB),
            _service(world),
            reason="Their new number, from a call with the team",
            phone="020 7946 0999",
        )
    return {"proposal_id": world.directory_proposal.public_id}
