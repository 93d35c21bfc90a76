import argparse
import json
import sys
from pathlib import Path

from bench import (
    acceptance,
    approval,
    catalog_search,
    identity,
    notices,
    queue_load,
    queue_sim,
    startup,
    supervision,
    sync,
)

BENCHES = {
    "acceptance": acceptance.run,
    "approval": approval.run,
    "catalog_search": catalog_search.run,
    "identity": identity.run,
    "notices": notices.run,
    "queue_load": queue_load.run,
    "queue_sim": queue_sim.run,
    "startup": startup.run,
    "supervision": supervision.run,
    "sync": sync.run,
}
# The options each benchmark takes (its sizes); one left out keeps the benchmark's own default.
OPTIONS = {
    "acceptance": ("runs",),
    "approval": ("cases", "runs"),
    "catalog_search": ("matters", "queries"),
    "identity": ("runs",),
    "notices": ("out", "runs"),
    "queue_load": ("seconds", "windows", "workers"),
    "queue_sim": ("arrivals",),
    "startup": ("runs",),
    "supervision": ("cases",),
    "sync": ("count", "queued"),
}


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("name", choices=sorted(BENCHES))
    parser.add_argument("--out", type=Path, help="notices: folder for one sample PDF of every kind")
    parser.add_argument(
        "--runs", type=positive, help="acceptance, approval, identity, notices, startup: timed repetitions"
    )
    parser.add_argument("--matters", type=positive, help="catalog_search: generated matters (50,000)")
    parser.add_argument("--queries", type=positive, help="catalog_search: queries of each kind (300)")
    parser.add_argument("--cases", type=positive, help="approval, supervision: cases in the store (200,000)")
    parser.add_argument("--count", type=positive, help="sync: mutations pushed and rows pulled (100,000)")
    parser.add_argument("--queued", type=positive, help="sync: mutations queued while the center is away (500)")
    parser.add_argument("--seconds", type=positive, help="queue_load: how long the windows call (60)")
    parser.add_argument("--windows", type=positive, help="queue_load: windows calling at once (100)")
    parser.add_argument("--workers", type=positive, help="queue_load: the center's processes (2)")
    parser.add_argument("--arrivals", type=positive, help="queue_sim: arrivals in the day (5,000)")
    args = parser.parse_args()
    for name in {name for names in OPTIONS.values() for name in names} - set(OPTIONS[args.name]):
        if getattr(args, name) is not None:
            parser.error(f"--{name} does not apply to {args.name}")
    given = {name: getattr(args, name) for name in OPTIONS[args.name] if getattr(args, name) is not None}
    result = BENCHES[args.name](**given)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
