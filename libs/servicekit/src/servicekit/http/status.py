"""The status an ASGI response started with, for middlewares that count, log or trace it."""

from starlette.types import Message, Send


class ResponseStatus:
    """Wraps an ASGI `send`, passing every message on and keeping the response's status (500 until a
    response starts: an app that fails before answering is counted as the 500 the server sends)."""

    def __init__(self, send: Send) -> None:
        self.code, self._send = 500, send

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.code = message["status"]
        await self._send(message)
