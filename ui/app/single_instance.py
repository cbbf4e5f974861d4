"""One window per library: a second launch hands its files to the first and exits.

Two windows writing one library would each hold stale views of it and fight over it. The first
instance holds a lock file and listens on a local socket named after the library path; a later
launch finds the lock taken, connects, sends the files it was asked to open, and quits. The
lock (QLockFile, with stale-lock detection) decides who is first, so two launches at the same
moment cannot both become servers, and a crashed instance does not block the next start.

The lock is taken before the window opens; the socket (QtNetwork, about 6 ms to load) starts
listening once the window has painted. A later launch retries for about a second, which covers
that gap.
"""

from __future__ import annotations

import getpass
import json
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QLockFile, QObject, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 1000
HANDOVER_ATTEMPTS = 5  # the first instance may still be starting up: its lock is taken first
_ACK = b"ok\n"
_MAX_MESSAGE = 1024 * 1024


def instance_key(library_path: Path) -> str:
    """Short, stable, per user and per library: a socket name fits in sun_path."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    data = f"{user}\0{library_path.expanduser().resolve()}".encode()
    # Two independent 32-bit checksums tell one user's libraries apart (the socket is
    # per user anyway); zlib is loaded already, hashlib's OpenSSL would cost ~3 ms here.
    return f"postil-{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


class SingleInstance(QObject):
    """Signals: files_received(list) with Path objects, and activation_requested(), both
    emitted in the first instance when a later launch hands over."""

    files_received = Signal(list)
    links_received = Signal(list)  # postil:// links, as strings
    activation_requested = Signal()

    def __init__(self, *, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = instance_key(library_path)
        self._lock = QLockFile(QDir(QDir.tempPath()).filePath(self.key + ".lock"))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone
        self._server: QLocalServer | None = None

    # -- first instance --------------------------------------------------------------------

    def acquire(self) -> bool:
        """True if this process is the first on this library; serve() then answers later ones."""
        return self._lock.tryLock(0)

    def serve(self) -> bool:
        """Listen for later launches. False if the socket cannot be opened: this window still
        owns the library (the lock says so), but a later launch cannot hand it files."""
        from PySide6.QtNetwork import QLocalServer

        if not self._lock.isLocked():
            raise RuntimeError("serve() needs the lock: call acquire() first")
        if self._server is not None:
            return True
        QLocalServer.removeServer(self.key)  # a socket file left by a crashed instance
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            return False
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    @Slot()
    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.setParent(self)
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._on_socket_ready_read(s, b))
            socket.disconnected.connect(socket.deleteLater)

    def _on_socket_ready_read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(socket.readAll().data())
        if len(buffer) > _MAX_MESSAGE:
            socket.abort()
            return
        if b"\n" not in buffer:
            return
        line = bytes(buffer).split(b"\n", 1)[0]
        try:
            message = json.loads(line.decode("utf-8"))
            paths = [Path(p) for p in message.get("files", []) if isinstance(p, str)]
            links = [link for link in message.get("links", []) if isinstance(link, str)]
        except (ValueError, AttributeError):
            socket.abort()
            return
        socket.write(_ACK)
        socket.flush()
        socket.disconnectFromServer()
        self.activation_requested.emit()
        if paths:
            self.files_received.emit(paths)
        if links:
            self.links_received.emit(links)

    # -- later instances -------------------------------------------------------------------

    def hand_over(
        self,
        paths: list[Path],
        *,
        links: Sequence[str] = (),
        attempts: int = HANDOVER_ATTEMPTS,
    ) -> bool:
        """Send paths (made absolute: the first instance has its own working folder) and
        postil:// links to the first instance and wait for its acknowledgement. False if
        nobody answered."""
        from PySide6.QtNetwork import QLocalSocket

        files = [str(p.expanduser().absolute()) for p in paths]
        message = json.dumps({"files": files, "links": list(links)})
        for attempt in range(attempts):
            if attempt:
                time.sleep(0.2)
            socket = QLocalSocket()
            socket.connectToServer(self.key)
            if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
                continue
            socket.write(message.encode("utf-8") + b"\n")
            if not socket.waitForBytesWritten(CONNECT_TIMEOUT_MS):
                socket.abort()
                continue
            reply = b""
            while len(reply) < len(_ACK) and socket.waitForReadyRead(CONNECT_TIMEOUT_MS * 3):
                reply += bytes(socket.readAll().data())
            socket.abort()
            if reply.startswith(_ACK):
                return True
        return False
