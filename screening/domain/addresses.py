"""The one rule for a web address the catalogue holds (a source's, later a registry's): what a
person may be sent to from the report and the PDF."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# A host name of dot-separated labels (letters, digits, inner hyphens), ending in a top-level name.
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")


def is_plain_web_address(url: str) -> bool:
    """``https://`` or ``http://``, then a plain host name (no user name, no bare address, no port
    other than a number, no host spelt in another script), and nothing a person could misread: no
    spaces, control or direction marks.

    javascript:, data:, file: and vbscript: links, and look-alike tricks such as a right-to-left
    override in the path, are refused.
    """
    if len(url) > 500 or any(unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp") for ch in url):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port  # a malformed port raises ValueError
    except ValueError:
        return False
    if parts.scheme not in ("https", "http") or "@" in parts.netloc or port == 0:
        return False
    host = parts.hostname or ""
    # "xn--" labels spell a host in other scripts, which can imitate a known one (a Cyrillic "а").
    if any(label.startswith("xn--") for label in host.split(".")):
        return False
    return bool(_HOST.match(host)) and parts.netloc.lower().split(":")[0] == host
