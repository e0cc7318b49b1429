"""/feeds/verdicts/: the Atom feed of published verdict changes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from factcheck.models import Claim, Verdict, VerdictChange
from factcheck.services import SourceInput, claim_publish, claim_set_status, claim_unpublish
from tests.seed_once import seeded, seeded_module  # noqa: F401

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, path: str = "/feeds/verdicts/") -> list[dict]:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "id": entry.findtext(f"{ATOM}id"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "summary": entry.findtext(f"{ATOM}summary") or "",
            "category": [c.get("term") for c in entry.findall(f"{ATOM}category")],
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def correct(quote: str, verdict: str, rationale: str, *, publish: bool = True) -> Claim:
    claim = Claim.objects.get(quote__contains=quote)
    claim = claim_set_status(
        claim=claim, editor=None, expected_version=None, verdict=Verdict.objects.get(slug=verdict),
        rationale=rationale, sources=[SourceInput(title="A source")],
    )
    if publish:
        claim = claim_publish(claim=claim, editor=None, note="Correction note.")
    return claim


@pytest.mark.django_db
class TestVerdictFeed:
    def test_one_entry_per_publication_newest_first(self, seeded, client):
        items = entries(client)
        publications = VerdictChange.objects.filter(action="publish")
        assert len(items) == publications.count() == 15  # 14 claims, one of them corrected once
        times = [item["updated"] for item in items]
        assert times == sorted(times, reverse=True)
        assert len({item["id"] for item in items}) == len(items)
        assert all(item["link"].startswith("http://testserver/claims/") for item in items)

    def test_a_correction_comes_first_and_says_what_changed(self, seeded, client):
        claim = correct("Panama Canal", "misleading", "A corrected rationale.")
        [top, *_] = entries(client)
        assert top["title"] == f"Rating changed from False to Misleading: “{claim.quote}”"
        assert top["link"] == f"http://testserver/claims/{claim.pk}/"
        assert "A corrected rationale." in top["summary"] and "Correction note." in top["summary"]
        assert top["category"] == ["Misleading"]

    def test_the_summary_is_the_rationale_as_escaped_html(self, seeded, client):
        # Feed readers show an Atom summary of type "html" as markup: text
        # that looks like a tag must come out as text, paragraphs as <p>.
        correct("Panama Canal", "misleading", 'Wages < prices & <img src=x onerror="alert(1)">\n\nSecond paragraph.')
        feed = ET.fromstring(client.get("/feeds/verdicts/").content)
        summary = feed.find(f"{ATOM}entry").find(f"{ATOM}summary")
        assert summary.get("type") == "html"
        assert summary.text == (
            "<p>Wages &lt; prices &amp; &lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>\n\n"
            "<p>Second paragraph.</p>\n\n<p>Correction note.</p>"
        )

    def test_draft_changes_are_not_in_it(self, seeded, client):
        before = entries(client)
        correct("Panama Canal", "accurate", "DRAFT-ONLY rationale", publish=False)
        after = entries(client)
        assert after == before
        assert all("DRAFT-ONLY" not in item["summary"] for item in after)

    def test_a_withdrawn_claim_leaves_it_but_for_its_withdrawal(self, seeded, client):
        claim = Claim.objects.get(quote__contains="47 million")
        claim_unpublish(claim=claim, editor=None, note="The figure was a projection, not a count.")
        about = [item for item in entries(client) if "47 million" in item["title"]]
        assert [item["title"][:22] for item in about] == ["Fact-check withdrawn: "]
        assert about[0]["category"] == ["Withdrawn"]
        assert "The figure was a projection, not a count." in about[0]["summary"]
        assert about[0]["link"] == f"http://testserver/claims/{claim.pk}/"

    def test_a_claim_readers_cannot_reach_is_not_in_it(self, seeded, client):
        """Published, but its timeline is not: no entry, and no withdrawal either."""
        from tests.factories import set_published
        from timeline.models import Timeline

        claim = Claim.objects.get(quote__contains="47 million")
        set_published(Timeline.objects.get(slug="milei-trump"), False)
        assert all("47 million" not in item["title"] for item in entries(client))
        set_published(Timeline.objects.get(slug="milei-trump"), True)
        claim_unpublish(claim=claim, editor=None, note="Withdrawn.")
        set_published(Timeline.objects.get(slug="milei-trump"), False)
        assert all("47 million" not in item["title"] for item in entries(client))

    def test_in_spanish(self, seeded, client):
        correct("Panama Canal", "misleading", "Corregido.")
        assert entries(client, "/feeds/verdicts/?lang=es")[0]["category"] == ["Engañoso"]
        assert client.get("/feeds/verdicts/?lang=xx").status_code == 400

    def test_feed_metadata(self, seeded, client, settings):
        settings.NEWSROOM_NAME = "The Desk"
        feed = ET.fromstring(client.get("/feeds/verdicts/").content)
        assert feed.findtext(f"{ATOM}title") == "The Desk: verdicts and corrections"
        links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
        assert links["self"] == "http://testserver/feeds/verdicts/"
        assert feed.findtext(f"{ATOM}author/{ATOM}name") == "The Desk"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/timelines/", "/timelines/milei-trump/", "/claims/{claim}/", "/no-such-page/",
                                  "/accounts/login/"])
def test_every_page_points_feed_readers_to_the_feed(seeded, client, path):
    claim = Claim.objects.get(uid="seed-claim-09")
    html = client.get(path.format(claim=claim.pk)).content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/feeds/verdicts/"' in html
    assert ': verdicts and corrections">' in html


@pytest.mark.django_db
def test_the_back_office_names_the_sites_icon_so_no_browser_asks_for_favicon_ico(client):
    html = client.get("/admin/login/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.' in html and 'type="image/svg+xml">' in html
