"""A Python client for flagserver, on the standard library only.

Does what the book's flags2/flags3 clients do with httpx, with urllib: reads
country_codes.txt, then for each code GETs {base}/{cc}/{cc}.gif and
{base}/{cc}/metadata.json, 20 at a time, with a 3.1 s timeout, and counts
OK / NOT_FOUND (404) / ERROR (any other HTTP status or a transport error).
Prints one line: "ok=N not_found=N error=N teapots=N".

usage: pyclient.py CODES_URL BASE_URL LIMIT [EXTRA_CODE ...]
(the first LIMIT codes of CODES_URL/country_codes.txt, then the extra codes)
"""
import json
import sys
import urllib.error
import urllib.request
from concurrent import futures

KEYS = {"tld_cc", "iso_cc", "country", "gec_cc"}


def get(url):
    with urllib.request.urlopen(url, timeout=3.1) as resp:
        return resp.status, resp.headers.get("Content-Type"), resp.read()


def one(base, cc):
    lc = cc.lower()
    try:
        status, ctype, image = get(f"{base}/{lc}/{lc}.gif")
        assert status == 200 and ctype == "image/gif" and image[:6] == b"GIF89a", (cc, status, ctype)
        status, ctype, raw = get(f"{base}/{lc}/metadata.json")
        assert ctype == "application/json", ctype
        meta = json.loads(raw)
        assert set(meta) == KEYS and meta["iso_cc"] == cc, meta
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return "not_found", None
        return "error", exc.reason
    except OSError as exc:  # timeouts, refused connections
        return "error", str(exc)
    return "ok", None


def main(codes_url, base, limit, extra):
    _, _, text = get(f"{codes_url}/country_codes.txt")
    codes = text.decode().split()[:limit] + extra
    counts = {"ok": 0, "not_found": 0, "error": 0, "teapots": 0}
    with futures.ThreadPoolExecutor(20) as pool:
        for status, reason in pool.map(lambda cc: one(base, cc), codes):
            counts[status] += 1
            if reason == "I'm a Teapot":
                counts["teapots"] += 1
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:])
