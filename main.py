"""政务服务中心前台系统 — entry point. See README.md."""

import sys

from cli.main import main

if __name__ == "__main__":
    sys.exit(main())
