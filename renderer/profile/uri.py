"""Web and mail addresses as RFC 3986 URIs: what a PDF link (whose /URI must be ASCII) and
JSON Resume's schema (format "uri") take, where a profile may write an IRI (a Japanese
Wikipedia page, a German domain)."""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

_SAFE = "/:@!$&'()*+,;=%~-._"  # reserved and unreserved characters, and escapes already made


def as_uri(url: str) -> str:
    """`url` with its host in IDNA (exämple.com -> xn--exmple-cua.com) and every other
    character a URI cannot hold percent-encoded (as UTF-8: /wiki/日本語 -> /wiki/%E6%97%A5…,
    a|b -> a%7Cb); an address that is already a URI is unchanged (its escapes kept)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        ascii_host = host.encode("idna").decode("ascii") if host else host
    except UnicodeError:  # not a name IDNA can write (an emoji domain): escaped instead
        ascii_host = quote(host, safe="")
    netloc = parts.netloc.replace(host, ascii_host) if host else parts.netloc
    return urlunsplit(
        (
            parts.scheme,
            quote(netloc, safe=_SAFE + "[]"),
            quote(parts.path, safe=_SAFE),
            quote(parts.query, safe=_SAFE + "?"),
            quote(parts.fragment, safe=_SAFE + "?#"),
        )
    )
