#!/usr/bin/env python3
"""Drives writes through the real pages, as a worker in a browser without JavaScript would: signs in, opens the
quick contact log of a person of their caseload (GET), posts it with the form's antiforgery token and hidden fields
(POST). A write is acknowledged when the app answers with the redirect to the person's page. Bounded: a fixed pace
per thread and a time limit. Loopback only (the TLS certificate is the drill's own, self-signed).

  write_contacts.py run --base URL --email E --password P --marker M --out FILE [--threads 2] [--pace 0.25]
                        [--seconds 90] [--stop-file F]
  write_contacts.py summarise --out FILE --stored FILE [--event-file F]
"""
import argparse, html.parser, http.cookiejar, json, re, ssl, sys, threading, time, urllib.error, urllib.parse, urllib.request

CONTEXT = ssl._create_unverified_context()  # the drill's self-signed certificate on 127.0.0.1


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None




class FormParser(html.parser.HTMLParser):
    """The first POST form inside <main>: its action and fields (hidden inputs, first option, checked radios)."""

    def __init__(self):
        super().__init__()
        self.in_main = False
        self.form = None
        self.done = False
        self.fields = {}
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self.in_main = True
        if self.done or not self.in_main:
            return
        if tag == "form" and self.form is None and (a.get("method") or "").lower() == "post":
            self.form = a.get("action") or ""
        if self.form is None:
            return
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                if "checked" in a or a["name"] not in self.fields:
                    self.fields[a["name"]] = a.get("value", "on")
            elif kind not in ("submit", "button"):
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
        elif tag == "option" and self.select:
            if self.select not in self.fields or "selected" in a:
                if a.get("value"):
                    self.fields[self.select] = a["value"]
        elif tag == "textarea" and a.get("name"):
            self.textarea = a["name"]
            self.fields[a["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form" and self.form is not None:
            self.done = True
        elif tag == "main":
            self.in_main = False

    def handle_data(self, data):
        if self.textarea and not self.done:
            self.fields[self.textarea] += data


class Browser:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=CONTEXT), urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, path, data=None, timeout=15):
        """(status, location, body); status "conn" when no HTTP answer came back."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers={"Accept-Language": "fr-FR"})
        try:
            with self.opener.open(req, timeout=timeout) as r:
                return r.status, r.headers.get("Location"), r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Location"), e.read().decode("utf-8", "replace")
        except Exception as e:  # refused, reset, timeout: the client saw no answer
            return "conn", None, type(e).__name__

    def form(self, html):
        p = FormParser()
        p.feed(html)
        return p.form, p.fields

    def sign_in(self, email, password):
        status, _, page = self.request("/Account/Login")
        if status != 200:
            return False
        action, fields = self.form(page)
        fields.update({"Input.Email": email, "Input.Password": password})
        status, location, _ = self.request(action or "/Account/Login", fields)
        return status == 302 and "/Account/Login" not in (location or "")


def worker(args, index, results, lock, stop):
    b = Browser(args.base)
    deadline = time.time() + args.seconds
    while not b.sign_in(args.email, args.password):
        if time.time() > deadline or stop.is_set():
            return
        time.sleep(1)
    status, _, page = b.request("/Persons")
    ids = list(dict.fromkeys(re.findall(r"/Persons/Details/([0-9a-f-]{36})", page if status == 200 else "")))
    if not ids:
        print(f"thread {index}: no person in the caseload (status {status})", file=sys.stderr)
        return
    person = ids[index % len(ids)]  # one person per thread: no concurrency conflict on the person's version
    n = 0
    while time.time() < deadline and not stop.is_set():
        n += 1
        marker = f"{args.marker}-{index}-{n}"
        started = time.time()
        phase, status, location, page = "get", *b.request(f"/Contacts/Log/{person}")
        if status == 302 and "/Account/Login" in (location or ""):
            b.sign_in(args.email, args.password)
        if status == 200:
            action, fields = b.form(page)
            fields.update({"Input.Kind": "Call", "Input.Direction": "Incoming", "Input.Summary": marker})
            phase, (status, location, page) = "post", b.request(action or f"/Contacts/Log/{person}", fields)
        ok = phase == "post" and status == 302 and "/Persons/Details" in (location or "")
        with lock:
            results.write(json.dumps({"thread": index, "marker": marker, "phase": phase, "status": status,
                                      "ok": ok, "start": started, "end": time.time()}) + "\n")
            results.flush()
        time.sleep(max(0.0, args.pace - (time.time() - started)))


def run(args):
    stop = threading.Event()
    lock = threading.Lock()
    with open(args.out, "w") as results:
        threads = [threading.Thread(target=worker, args=(args, i, results, lock, stop)) for i in range(args.threads)]
        for t in threads:
            t.start()
        try:
            while any(t.is_alive() for t in threads):
                if args.stop_file and __import__("os").path.exists(args.stop_file):
                    stop.set()
                time.sleep(0.2)
        finally:
            stop.set()
            for t in threads:
                t.join()


def summarise(args):
    attempts = [json.loads(line) for line in open(args.out)]
    stored = {line.strip() for line in open(args.stored) if line.strip()}
    acked = [a for a in attempts if a["ok"]]
    acked_markers = {a["marker"] for a in acked}
    errors = [a for a in attempts if not a["ok"]]
    by_status = {}
    for e in errors:
        key = f'{e["phase"].upper()} {e["status"]}'
        by_status[key] = by_status.get(key, 0) + 1
    ends = sorted(a["end"] for a in acked)
    gap, gap_from = 0.0, None
    for a, b in zip(ends, ends[1:]):
        if b - a > gap:
            gap, gap_from = b - a, a
    event = None
    if args.event_file:
        try:
            event = float(open(args.event_file).read().strip())
        except (OSError, ValueError):
            event = None
    print(f"write attempts                 : {len(attempts)}")
    print(f"acknowledged writes            : {len(acked)}")
    print(f"rows stored (drill markers)    : {len(stored)}")
    print(f"acknowledged but not stored    : {len(acked_markers - stored)}   <- writes lost")
    print(f"stored without acknowledgement : {len(stored - acked_markers)}   (committed, answer lost in the outage)")
    print(f"client errors                  : {len(errors)}  " + ", ".join(f"{k}: {v}" for k, v in sorted(by_status.items())))
    if event is not None and gap_from is not None:
        print(f"unavailability (longest gap between acknowledged writes): {gap:.1f} s, from {gap_from - event:+.1f} s after the primary was stopped")
    elif gap_from is not None:
        print(f"unavailability (longest gap between acknowledged writes): {gap:.1f} s")
    if errors and event is not None:
        print(f"errors seen from {min(e['start'] for e in errors) - event:+.1f} s to {max(e['end'] for e in errors) - event:+.1f} s after the primary was stopped")
    return 1 if acked_markers - stored else 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("--base", required=True)
    r.add_argument("--email", required=True)
    r.add_argument("--password", required=True)
    r.add_argument("--marker", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--threads", type=int, default=2)
    r.add_argument("--pace", type=float, default=0.25, help="seconds between writes of one thread (at least)")
    r.add_argument("--seconds", type=float, default=90)
    r.add_argument("--stop-file")
    s = sub.add_parser("summarise")
    s.add_argument("--out", required=True)
    s.add_argument("--stored", required=True)
    s.add_argument("--event-file")
    args = p.parse_args()
    if args.command == "run":
        run(args)
    else:
        sys.exit(summarise(args))


if __name__ == "__main__":
    main()
