"""What the desk's view tests share: the seed's claims, and an editor
opening a claim's form and posting it, with HTMX or without."""

import re

from factcheck.models import Claim
from tests.html import form_fields

HTMX = {"HX-Request": "true"}


def seed_claim(n: int) -> Claim:
    return Claim.objects.get(uid=f"seed-claim-{n:02d}")


def cards(html: str) -> list[str]:
    return re.findall(r'<article class="desk-claim[^"]*" id="claim-(\d+)"', html)


def status_form(client, claim, *, page="/editor/", headers=HTMX) -> dict[str, str]:
    """The claim's form as an editor opens it on `page`: fetched into the card
    (htmx), or on the claim's own page (without JavaScript)."""
    response = client.get(f"/editor/claims/{claim.pk}/", {"edit": "1", "next": page}, headers=headers)
    return form_fields(response.content.decode(), form_id=f"claim-{claim.pk}-form")


def rate(client, claim, *, page="/editor/", headers=HTMX, **changes):
    """Fill the claim's form as an editor opens it on `page`, change some fields, post it."""
    data = status_form(client, claim, page=page, headers=headers)
    prefix = f"claim-{claim.pk}-"
    for name, value in changes.items():
        data[prefix + name.replace("__", "-")] = value
    return client.post(f"/editor/claims/{claim.pk}/status/", data, headers=headers)
