"""A TCP port that never completes a connection: it listens with a backlog of
one, fills the queue itself and never accepts, so the kernel leaves every
further SYN unanswered. Prints the port, then waits to be killed."""
import socket
import time

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(0)
port = server.getsockname()[1]
fillers = []
for _ in range(4):
    filler = socket.socket()
    filler.setblocking(False)
    try:
        filler.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    fillers.append(filler)
print(port, flush=True)
while True:
    time.sleep(60)
