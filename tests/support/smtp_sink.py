"""A real SMTP server for the mail tests (aiosmtpd): writes each message it accepts to
OUT_DIR/<n>.json with its envelope, decoded headers and decoded text and HTML parts.

usage: smtp_sink.py PORT OUT_DIR
Recipients whose address starts with "refuse" are refused with 550 (a permanent refusal).
Prints "ready" once it listens; stops on SIGTERM or when its standard input closes.
"""

import asyncio
import email
import email.policy
import json
import os
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refuse"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        text = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": [[k, str(v)] for k, v in msg.items()],
            "subject": str(msg["subject"]),
            "to": str(msg["to"]),
            "message_id": str(msg["message-id"]),
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
            "raw_headers": raw.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace"),
        }
        self.count += 1
        tmp = os.path.join(self.out_dir, f".{self.count}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(tmp, os.path.join(self.out_dir, f"{self.count:05}.json"))
        return "250 Message accepted for delivery"


async def main():
    port, out_dir = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    controller = Controller(Sink(out_dir), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    loop = asyncio.get_running_loop()
    # Stops when the test that started it goes away (its end of the pipe closes).
    await loop.run_in_executor(None, sys.stdin.read)
    controller.stop()


if __name__ == "__main__":
    asyncio.run(main())
