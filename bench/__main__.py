"""``python -m bench``: the same as ``tdkt bench``."""

import sys

from bench.run import main

sys.exit(main())
