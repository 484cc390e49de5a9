"""A user at a terminal, for code that opens the terminal by path: opens a new
pseudo-terminal, prints {"path": "/dev/pts/N"}, then follows commands, one JSON
object a line on stdin, answering each with one JSON line on stdout:

    {"expect": TEXT}  wait until the screen shows TEXT (deadline 20 s), then take
                      in whatever else is already there; answers
                      {"screen": everything shown so far, "echo": bool}
    {"type": TEXT}    type TEXT; answers {}

`echo` says whether the terminal echoes what is typed (off while a prompt reads
with its input hidden).
"""
import json
import os
import select
import sys
import termios
import time

master, slave = os.openpty()
print(json.dumps({"path": os.ttyname(slave)}), flush=True)
screen = b""


def take(timeout):
    global screen
    ready, _, _ = select.select([master], [], [], timeout)
    if not ready:
        return False
    screen += os.read(master, 4096)
    return True


for line in sys.stdin:
    command = json.loads(line)
    if "expect" in command:
        wanted = command["expect"].encode()
        deadline = time.time() + 20
        while wanted not in screen and time.time() < deadline:
            take(0.1)
        while take(0):
            pass
        echo = bool(termios.tcgetattr(master)[3] & termios.ECHO)
        print(json.dumps({"screen": screen.decode("utf-8", "replace"), "echo": echo}), flush=True)
    elif "type" in command:
        os.write(master, command["type"].encode())
        print("{}", flush=True)
