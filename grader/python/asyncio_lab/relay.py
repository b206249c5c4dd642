"""Makes the grader's services reachable inside a sandbox with no network of its own.

Learner code connects to http://127.0.0.1:PORT as it would anywhere. Inside the sandbox nothing listens there
but this relay, which carries each connection over the witness socket to the grader, after one header line
saying which port it was for. It runs as its own process, forked by the zygote before any learner code.
"""

import json
import selectors
import socket

from asyncio_lab.witness import connect

_CHUNK = 65536
# Bytes held for a side that is not reading, before the relay stops reading the other side.
_HIGH_WATER = 1 << 20


class _Pipe:
    """One relayed connection: the learner's socket and the grader's, each with what waits to be written to it."""

    def __init__(self, inner, outer):
        self.inner = inner
        self.outer = outer
        self.pending = {inner: bytearray(), outer: bytearray()}
        # A side that sent EOF, and a side whose writing half was shut after it.
        self.eof = {inner: False, outer: False}
        self.shut = {inner: False, outer: False}

    def other(self, sock):
        return self.outer if sock is self.inner else self.inner


def serve(commands, witness_address):
    """`commands` is a Unix socket on which the zygote passes listening sockets, each with its port."""
    selector = selectors.DefaultSelector()
    selector.register(commands, selectors.EVENT_READ, None)
    pipes = {}

    def interest(pipe, sock):
        events = 0
        if not pipe.eof[sock] and len(pipe.pending[pipe.other(sock)]) < _HIGH_WATER:
            events |= selectors.EVENT_READ
        if pipe.pending[sock]:
            events |= selectors.EVENT_WRITE
        registered = sock in selector.get_map()
        if events and registered:
            selector.modify(sock, events, pipe)
        elif events:
            selector.register(sock, events, pipe)
        elif registered:
            selector.unregister(sock)

    def close(pipe):
        for sock in (pipe.inner, pipe.outer):
            pipes.pop(sock, None)
            if sock in selector.get_map():
                selector.unregister(sock)
            sock.close()

    def settle(pipe):
        for sock in (pipe.inner, pipe.outer):
            other = pipe.other(sock)
            # The other side said all it had to say, and all of it has reached this side: pass the EOF on.
            if pipe.eof[other] and not pipe.pending[sock] and not pipe.shut[sock]:
                pipe.shut[sock] = True
                try:
                    sock.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
        if pipe.shut[pipe.inner] and pipe.shut[pipe.outer]:
            close(pipe)
            return
        interest(pipe, pipe.inner)
        interest(pipe, pipe.outer)

    def receive():
        message, fds, _flags, _address = socket.recv_fds(commands, 64, 1)
        if not message:
            return False
        for fd in fds:
            listener = socket.socket(fileno=fd)
            listener.setblocking(False)
            selector.register(listener, selectors.EVENT_READ, int(message.decode("ascii")))
        return True

    def accept(listener, port):
        try:
            inner, _ = listener.accept()
        except OSError:
            return
        try:
            outer = connect(witness_address)
            outer.sendall((json.dumps({"t": "connect", "port": port}) + "\n").encode("ascii"))
        except OSError:
            inner.close()
            return
        inner.setblocking(False)
        outer.setblocking(False)
        pipe = _Pipe(inner, outer)
        pipes[inner] = pipe
        pipes[outer] = pipe
        settle(pipe)

    def move(pipe, sock, mask):
        other = pipe.other(sock)
        if mask & selectors.EVENT_READ:
            try:
                chunk = sock.recv(_CHUNK)
            except BlockingIOError:
                chunk = None
            except OSError:
                close(pipe)
                return
            if chunk == b"":
                pipe.eof[sock] = True
            elif chunk:
                pipe.pending[other].extend(chunk)
        if mask & selectors.EVENT_WRITE and pipe.pending[sock]:
            try:
                sent = sock.send(pipe.pending[sock])
                del pipe.pending[sock][:sent]
            except BlockingIOError:
                pass
            except OSError:
                close(pipe)
                return
        settle(pipe)

    while True:
        for key, mask in selector.select():
            if key.fileobj is commands:
                if not receive():
                    return
            elif isinstance(key.data, int):
                accept(key.fileobj, key.data)
            elif key.fileobj in pipes:
                move(key.data, key.fileobj, mask)
