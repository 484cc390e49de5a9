"""Runs a command on a new pseudo-terminal (its controlling terminal), waits
for `expect` to appear, types `answer` and Enter, and reads until the command
exits. Prints JSON: {"sawPrompt", "transcript", "exitCode", "echoAfter"} where
echoAfter says whether the terminal echoes input again after the command.

    python3 pty_run.py <expect> <answer> <command> [args...]

`answer` may hold control characters (\\x03 for Ctrl-C). Deadline: 30 s.
PTY_ANSWER_DELAY (seconds, default 0): how long the "user" takes to type.
"""
import json
import os
import pty
import select
import signal
import sys
import termios
import time

expect, answer, command = sys.argv[1].encode(), sys.argv[2].encode(), sys.argv[3:]
pid, master = pty.fork()
if pid == 0:
    os.execvp(command[0], command)

transcript = b""
deadline = time.time() + 30
status = None


def exited():
    global status
    if status is None:
        done, result = os.waitpid(pid, os.WNOHANG)
        if done:
            status = result
    return status is not None


def read_until(done):
    global transcript
    while time.time() < deadline and not done():
        ready, _, _ = select.select([master], [], [], 0.1)
        if not ready:
            continue
        try:
            chunk = os.read(master, 4096)
        except OSError:
            chunk = b""
        if not chunk:
            # EIO: no one holds the terminal open: the command exited, or it has
            # redirected its standard streams and not opened /dev/tty yet.
            if exited():
                return
            time.sleep(0.05)
            continue
        transcript += chunk


read_until(lambda: expect in transcript)
saw_prompt = expect in transcript
if saw_prompt:
    time.sleep(float(os.environ.get("PTY_ANSWER_DELAY", "0")))
    os.write(master, answer if answer.endswith(b"\x03") else answer + b"\r")
read_until(lambda: False)
if not exited():
    os.kill(pid, signal.SIGKILL)
echo_after = bool(termios.tcgetattr(master)[3] & termios.ECHO)
if status is None:
    _, status = os.waitpid(pid, 0)
print(json.dumps({
    "sawPrompt": saw_prompt,
    "transcript": transcript.decode("utf-8", "replace"),
    "exitCode": os.waitstatus_to_exitcode(status),
    "echoAfter": echo_after,
}))
