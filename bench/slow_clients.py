"""Hold N slow-header connections open until killed: each sends the start of a request, then one
byte every few seconds, and is opened again when the server closes it.

usage: slow_clients.py PORT [N]
"""

import socket
import sys
import time

port, count = int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 2


def opened() -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /ok HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    return s


held = [opened() for _ in range(count)]
while True:
    time.sleep(3)
    for i, s in enumerate(held):
        try:
            s.sendall(b"x")
        except OSError:
            s.close()
            held[i] = opened()
