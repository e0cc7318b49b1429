"""The Atom feeds of published verdict changes, newest first: every time a
claim's status was shown to readers (first publication and each correction),
for claims that are published now; the site's (/feeds/verdicts/) and one
timeline's (/timelines/<slug>/feed/, its claims only, on its version stamp)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Max, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from factcheck.models import Claim, VerdictChange
from factcheck.web.http_cache import Stamp, shared_response
from factcheck.web.site import language_codes, site_root
from timeline import stamps
from timeline.models import Timeline

FEED_ITEMS = 50


def feed_changes(on: Timeline | None = None):
    """Publications of the claims readers see now, and the withdrawals of
    claims readers saw (the feed's reader learns a fact-check was taken back),
    newest first; with `on`, of that timeline's claims only. A withdrawn
    claim's earlier publications leave the feed."""
    public = Claim.objects.public(on=on).values("pk")
    on_record = Claim.objects.on_record(on=on).values("pk")
    return (
        VerdictChange.objects.filter(
            Q(action=VerdictChange.Action.PUBLISH, claim__in=public)
            | Q(action=VerdictChange.Action.UNPUBLISH, claim__in=on_record)
        )
        .select_related("claim", "claim__claimant", "from_verdict", "to_verdict")
        .order_by("-created_at", "-id")
    )


def feed_stamp() -> Stamp:
    """One query: the last publish/unpublish (entries come and go with them)
    and the last change any timeline saw (verdict labels, claim edits)."""
    row = VerdictChange.objects.filter(
        action__in=[VerdictChange.Action.PUBLISH, VerdictChange.Action.UNPUBLISH]
    ).aggregate(
        last=Max("id"),
        at=Max("created_at"),
        touched=Max(Subquery(Timeline.objects.order_by("-content_changed_at").values("content_changed_at")[:1])),
    )
    times = [t for t in (row["at"], row["touched"]) if t is not None]
    changed_at = max(times) if times else Timeline._meta.get_field("content_changed_at").get_default()
    touched = row["touched"].timestamp() if row["touched"] else 0
    return Stamp(tag=f"f{row['last'] or 0}.{touched:.6f}", changed_at=changed_at)


class VerdictChangesFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, root: str = "", timeline: Timeline | None = None):
        super().__init__()
        self.root = root  # "https://host" (SITE_URL): every link absolute, never the Host header's
        self.timeline = timeline  # one timeline's feed; None: the site's

    def title(self):
        if self.timeline:
            return _("%(timeline)s: verdicts and corrections") % {"timeline": self.timeline.title}
        return _("%(newsroom)s: verdicts and corrections") % {"newsroom": settings.NEWSROOM_NAME}

    def subtitle(self):
        return _("Each time a fact-check is published or its verdict, rationale or sources are corrected.")

    def link(self):
        return f"{self.root}{self.timeline.get_absolute_url() if self.timeline else '/'}"

    def feed_url(self):
        if self.timeline:
            return f"{self.root}{reverse('timeline_feed', kwargs={'slug': self.timeline.slug})}"
        return f"{self.root}{reverse('verdict_feed')}"

    def author_name(self):
        return settings.NEWSROOM_NAME

    def items(self):
        return feed_changes(on=self.timeline)[:FEED_ITEMS]

    def item_title(self, change):
        quote = change.claim.quote if len(change.claim.quote) <= 90 else change.claim.quote[:89] + "…"
        if change.action == VerdictChange.Action.UNPUBLISH:
            return _("Fact-check withdrawn: “%(quote)s”") % {"quote": quote}
        new = change.to_verdict.localized_label
        if change.from_verdict and change.from_verdict != change.to_verdict:
            what = _("Rating changed from %(old)s to %(new)s") % {"old": change.from_verdict.localized_label, "new": new}
        elif change.from_verdict:
            what = _("Rationale or sources updated; rating stays %(new)s") % {"new": new}
        else:
            what = _("Published as %(new)s") % {"new": new}
        return f"{what}: “{quote}”"

    def item_description(self, change):
        # Atom sends the summary as type="html": feed readers show it as
        # markup. The rationale and note are plain text, so escape them
        # (a "<" in a rationale is a "<", never a tag) and keep their paragraphs.
        parts = [change.to_text, change.note]
        return linebreaks("\n\n".join(part for part in parts if part), autoescape=True)

    def item_link(self, change):
        return f"{self.root}{change.claim.get_absolute_url()}"

    def item_guid(self, change):
        return f"{self.root}{change.claim.get_absolute_url()}#verdict-change-{change.pk}"

    def item_guid_is_permalink(self, change):
        return False

    def item_pubdate(self, change):
        return change.created_at

    def item_updateddate(self, change):
        return change.created_at

    def item_author_name(self, change):
        return settings.NEWSROOM_NAME

    def item_categories(self, change):
        if change.action == VerdictChange.Action.UNPUBLISH:
            return [_("Withdrawn")]
        return [change.to_verdict.localized_label]

    @classmethod
    def as_view(cls) -> Callable[[HttpRequest], HttpResponse]:
        @require_safe
        def view(request: HttpRequest) -> HttpResponse:
            return feed_response(request, stamp=feed_stamp(), make_feed=lambda: cls(site_root(request)))

        return view


def feed_response(request: HttpRequest, *, stamp: Stamp, make_feed: Callable[[], Feed], variant: str = "") -> HttpResponse:
    """A feed in the language of `?lang` (the site's default without one; 400
    for a language the site does not speak), as a shared response on `stamp`."""
    language = (request.GET.get("lang") or settings.LANGUAGE_CODE).strip()
    if language not in language_codes():
        return HttpResponse(
            f"Unknown language: use one of {', '.join(language_codes())}.\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )

    def build(etag: str) -> HttpResponse:
        with translation.override(language):
            return make_feed()(request)

    variant = f"{variant}|{site_root(request)}|{language}"
    return shared_response(request, stamp=stamp, variant=variant, build=build, language=language, cors=True)


@require_safe
def timeline_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """One published timeline's verdict changes (404 for any other), on the
    timeline's version stamp: every publication, correction and withdrawal
    of its claims bumps it."""
    stamp = stamps.timeline_stamp(slug)
    if stamp is None:
        raise Http404("No such timeline.")

    def make_feed() -> Feed:
        timeline = get_object_or_404(Timeline.objects.published(), slug=slug)
        return VerdictChangesFeed(site_root(request), timeline=timeline)

    return feed_response(request, stamp=stamp, make_feed=make_feed, variant=f"timeline-feed:{slug}")
