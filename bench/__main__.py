import argparse
import json
import sys
from pathlib import Path

from bench import acceptance, catalog_search, notices, startup

BENCHES = {
    "acceptance": acceptance.run,
    "catalog_search": catalog_search.run,
    "notices": notices.run,
    "startup": startup.run,
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("name", choices=sorted(BENCHES))
    parser.add_argument("--out", type=Path, help="notices: folder for one sample PDF of every kind")
    args = parser.parse_args()
    result = BENCHES[args.name](out=args.out) if args.name == "notices" else BENCHES[args.name]()
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
