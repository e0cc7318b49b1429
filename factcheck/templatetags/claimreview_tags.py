"""The claim page's ClaimReview (schema.org JSON-LD) block."""

from __future__ import annotations

from django import template

from factcheck.reader.claimreview import claim_review, json_ld
from factcheck.web.site import absolute_url, site_root

register = template.Library()


@register.simple_tag(takes_context=True)
def claimreview_json_ld(context, claim):
    """The claim page's ClaimReview data block; nothing for a claim without
    a final verdict."""
    request = context["request"]
    review = claim_review(claim, url=absolute_url(request, claim.get_absolute_url()), site=site_root(request))
    return json_ld(review) if review else ""
