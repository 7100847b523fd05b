"""What the reliability run tried, for the one summary line at its end."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Report:
    faults: set[str] = field(default_factory=set)
    races: set[str] = field(default_factory=set)
    inputs_fuzzed: int = 0
    prism_exchanges: int = 0
    prism_violations: list[str] = field(default_factory=list)
    prism_ran: bool = False
    sessions_lost: int = 0

    def session_kept(self, signed_in: bool) -> bool:
        """Count a lost session; returns signed_in, for an assert."""
        if not signed_in:
            self.sessions_lost += 1
        return signed_in

    def as_json(self) -> dict[str, Any]:
        """What an xdist worker hands to the controller, which merges every worker's."""
        data = asdict(self)
        data["faults"], data["races"] = sorted(self.faults), sorted(self.races)
        return data

    def merge(self, data: dict[str, Any]) -> None:
        """Add one worker's report (from as_json) to this one."""
        self.faults.update(data.get("faults", []))
        self.races.update(data.get("races", []))
        self.inputs_fuzzed += data.get("inputs_fuzzed", 0)
        self.prism_exchanges += data.get("prism_exchanges", 0)
        self.prism_violations += data.get("prism_violations", [])
        self.prism_ran = self.prism_ran or data.get("prism_ran", False)
        self.sessions_lost += data.get("sessions_lost", 0)

    def line(self) -> str:
        prism = (
            f"{len(self.prism_violations)} Prism violations in {self.prism_exchanges} exchanges"
            if self.prism_ran
            else "Prism not run"
        )
        faults, races = ", ".join(sorted(self.faults)), ", ".join(sorted(self.races))
        return (
            f"reliability: {len(self.faults)} fault kinds tried ({faults}); "
            f"{len(self.races)} races run ({races}); "
            f"{self.inputs_fuzzed} inputs fuzzed; {prism}; "
            f"{self.sessions_lost} sessions lost"
        )


REPORT = Report()
