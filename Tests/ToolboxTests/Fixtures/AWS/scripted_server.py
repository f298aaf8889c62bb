#!/usr/bin/env python3
"""A loopback HTTP server that answers from a script, for retry and credential-endpoint tests.

argv: port, script.json [, cert.pem, key.pem for HTTPS]. The script maps "METHOD /path" (or "*") to a list of answers
{status, body, headers}; each request takes the next answer and the last one repeats.
GET /__ready answers 200; GET /__count answers how many scripted requests were served;
any method on /__echo answers a JSON summary of the request (method, body length and SHA-256,
headers, connection id); /__slow waits two seconds before answering.
"""
import hashlib
import ssl
import time
import http.server
import json
import sys
import threading

port, script_path = int(sys.argv[1]), sys.argv[2]
with open(script_path) as handle:
    script = json.load(handle)
served = {}
count = 0
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        global count
        length = int(self.headers.get("Content-Length") or 0)
        body = b""
        while len(body) < length:
            chunk = self.rfile.read(min(1 << 20, length - len(body)))
            if not chunk:
                break
            body += chunk
        path = self.path.split("?", 1)[0]
        if path == "/__echo":
            summary = {
                "method": self.command,
                "length": len(body),
                "sha256": hashlib.sha256(body).hexdigest(),
                "headers": [[name, value] for name, value in self.headers.items()],
                "connection": self.client_address[1],
            }
            self.send(200, json.dumps(summary), {"Content-Type": "application/json"})
            return
        if path == "/__slow":
            time.sleep(2)
        if path in ("/__ready", "/__count"):
            self.send(200, str(count) if path == "/__count" else "ready", {})
            return
        key = f"{self.command} {path}"
        answers = script.get(key) or script.get("*") or [{"status": 404, "body": "", "headers": {}}]
        with lock:
            index = served.get(key, 0)
            served[key] = index + 1
            count += 1
        answer = answers[min(index, len(answers) - 1)]
        self.send(answer["status"], answer["body"], answer.get("headers", {}))

    def send(self, status, body, headers):
        data = body.encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = answer

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
if len(sys.argv) > 4:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[3], sys.argv[4])
    server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
