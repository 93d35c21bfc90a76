import argparse
import json
import sys
from pathlib import Path

from bench import acceptance, approval, catalog_search, notices, queue_load, queue_sim, startup, sync

BENCHES = {
    "acceptance": acceptance.run,
    "approval": approval.run,
    "catalog_search": catalog_search.run,
    "notices": notices.run,
    "queue_load": queue_load.run,
    "queue_sim": queue_sim.run,
    "startup": startup.run,
    "sync": sync.run,
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("name", choices=sorted(BENCHES))
    parser.add_argument("--out", type=Path, help="notices: folder for one sample PDF of every kind")
    parser.add_argument("--count", type=int, default=100_000, help="sync: mutations pushed and rows pulled")
    parser.add_argument("--seconds", type=int, default=60, help="queue_load: how long the windows call")
    args = parser.parse_args()
    if args.name == "notices":
        result = notices.run(out=args.out)
    elif args.name == "sync":
        result = sync.run(count=args.count)
    elif args.name == "queue_load":
        result = queue_load.run(seconds=args.seconds)
    else:
        result = BENCHES[args.name]()
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
