#!/usr/bin/env python3
"""moto's AWS API server with the toolbox's documented extension (toolbox_moto.py) loaded.

Arguments are moto.server's own (-H host -p port). Used by `make emulator` and by the tests.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import toolbox_moto  # noqa: E402
from moto import server  # noqa: E402

if __name__ == "__main__":
    toolbox_moto.install()
    server.main(sys.argv[1:])
