#!/usr/bin/env python3
"""A stand-in OTLP/HTTP collector for bench/run.sh: answers 200 to every POST (/v1/traces, /v1/metrics)
and counts them; GET / returns "posts bytes". Usage: otlp_sink.py PORT"""
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
posts = 0
received = 0


class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        global posts, received
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        with lock:
            posts += 1
            received += length
        self.answer(b"")

    def do_GET(self):
        self.answer(f"{posts} {received}\n".encode())

    def answer(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf" if not body else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
