"""Social networks by name: the address of a person's page there, made from a username, as
other formats give them (RenderCV's `social_networks`, a JSON Resume profile with a username
and no url)."""

from __future__ import annotations

import re
from urllib.parse import quote

# Network (as people and tools spell it, in lower case) -> the page of USER.
_PAGES = {
    "linkedin": "https://linkedin.com/in/USER",
    "github": "https://github.com/USER",
    "gitlab": "https://gitlab.com/USER",
    "instagram": "https://instagram.com/USER",
    "orcid": "https://orcid.org/USER",
    "stackoverflow": "https://stackoverflow.com/users/USER",
    "stack overflow": "https://stackoverflow.com/users/USER",
    "researchgate": "https://researchgate.net/profile/USER",
    "youtube": "https://youtube.com/@USER",
    "google scholar": "https://scholar.google.com/citations?user=USER",
    "googlescholar": "https://scholar.google.com/citations?user=USER",
    "telegram": "https://t.me/USER",
    "x": "https://x.com/USER",
    "twitter": "https://twitter.com/USER",
    "imdb": "https://imdb.com/name/USER",
    "leetcode": "https://leetcode.com/u/USER",
    "whatsapp": "https://wa.me/USER",
    "bluesky": "https://bsky.app/profile/USER",
    "reddit": "https://reddit.com/user/USER",
    "medium": "https://medium.com/@USER",
    "dev.to": "https://dev.to/USER",
    "kaggle": "https://kaggle.com/USER",
    "behance": "https://behance.net/USER",
    "dribbble": "https://dribbble.com/USER",
    "codepen": "https://codepen.io/USER",
    "hackerrank": "https://hackerrank.com/profile/USER",
    "facebook": "https://facebook.com/USER",
    "bitbucket": "https://bitbucket.org/USER",
    "huggingface": "https://huggingface.co/USER",
    "hugging face": "https://huggingface.co/USER",
}
# Written as text, not links: these name an account, not a page on the web.
_HANDLES = {"skype": "skype:USER?chat", "discord": "", "wechat": "", "line": ""}


def page_of(network: str, username: str) -> str | None:
    """The address of `username`'s page on `network`, or None when the network is unknown or
    names no page (a Skype or Discord handle)."""
    name = " ".join(network.lower().split())
    user = username.strip().lstrip("@") if name not in ("mastodon",) else username.strip()
    if not user or re.search(r"\s", user):
        return None  # "Jane Q Doe": a display name, not a username; no address can be made
    if name == "mastodon":  # @user@server -> https://server/@user
        found = re.fullmatch(r"@?([^@\s]+)@([^@\s/]+)", user)
        return f"https://{found.group(2)}/@{found.group(1)}" if found else None
    if name in _HANDLES:
        template = _HANDLES[name]
        return template.replace("USER", quote(user, safe=":._-")) if template else None
    page = _PAGES.get(name)
    return page.replace("USER", quote(user, safe="/._-~")) if page else None
