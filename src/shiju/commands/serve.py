"""`shiju serve`: the Workbench over a store, on loopback unless a token protects it."""
from __future__ import annotations

import ipaddress
import os
import sys
from argparse import Namespace

TOKEN_ENV = "SHIJU_TOKEN"


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1); any other name or address is not."""
    h = host.strip().strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to any interface


def check_bind(host: str, token: str | None) -> str | None:
    """Why serving on `host` is refused (None if it is allowed): beyond loopback, a token is required,
    since the store may hold material not meant for everyone on the network."""
    if is_loopback(host) or token:
        return None
    return (f"refusing to serve on {host!r} without an access token: other machines could read the store. "
            f"Pass --token T or set {TOKEN_ENV}, or bind 127.0.0.1.")


def run(args: Namespace) -> int:
    from shiju.store import DEFAULT_STORE, StoreError

    token = args.token or os.environ.get(TOKEN_ENV) or None
    refusal = check_bind(args.host, token)
    if refusal:
        print(f"shiju serve: {refusal}", file=sys.stderr)
        return 2
    from shiju.web import create_app

    try:
        app = create_app(args.store or DEFAULT_STORE, token=token)
    except StoreError as exc:
        print(f"shiju serve: {exc}", file=sys.stderr)
        return 1
    import uvicorn

    where = f"http://{'[' + args.host + ']' if ':' in args.host else args.host}:{args.port}/"
    print(f"shiju serve: Workbench at {where}" + (" (token required: open ?token=…)" if token else ""),
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
