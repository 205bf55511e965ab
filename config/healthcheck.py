"""The container's HEALTHCHECK: exit 0 when /healthz answers 200 (the app and its database are up).

It asks with a host name the app accepts (the first of DJANGO_ALLOWED_HOSTS), so the check works
whatever domain the site is served under.
"""

import os
import sys
import urllib.request


def main() -> int:
    host = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".")
    if not host or host == "*":
        host = "localhost"
    request = urllib.request.Request("http://127.0.0.1:8000/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=4) as response:
            return 0 if response.status == 200 else 1
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
