import argparse
import json
import sys

from bench import catalog_search, startup

BENCHES = {"catalog_search": catalog_search.run, "startup": startup.run}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("name", choices=sorted(BENCHES))
    args = parser.parse_args()
    print(json.dumps(BENCHES[args.name](), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
