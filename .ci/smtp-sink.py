#!/usr/bin/env python3
"""A real SMTP server on loopback for the email tests and benchmarks: aiosmtpd, storing each
message it accepts as <n>.eml in a directory.

    python3 .ci/smtp-sink.py --port 2525 --dir /tmp/mail
"""
import argparse
import asyncio
import itertools
import os

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        number = next(self.counter)
        path = os.path.join(self.directory, f"{number:06d}.eml")
        # Written under a temporary name first, so a reader never sees half a message.
        with open(path + ".part", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        os.replace(path + ".part", path)
        return f"250 OK stored as {number}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Store(args.dir), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"smtp sink on 127.0.0.1:{args.port}, storing in {args.dir}", flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
