import argparse
import json
import sys
from pathlib import Path

from bench import acceptance, catalog_search, notices, startup, sync

BENCHES = {
    "acceptance": acceptance.run,
    "catalog_search": catalog_search.run,
    "notices": notices.run,
    "startup": startup.run,
    "sync": sync.run,
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("name", choices=sorted(BENCHES))
    parser.add_argument("--out", type=Path, help="notices: folder for one sample PDF of every kind")
    parser.add_argument("--count", type=int, default=100_000, help="sync: mutations pushed and rows pulled")
    args = parser.parse_args()
    if args.name == "notices":
        result = notices.run(out=args.out)
    elif args.name == "sync":
        result = sync.run(count=args.count)
    else:
        result = BENCHES[args.name]()
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
