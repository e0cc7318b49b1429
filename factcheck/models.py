"""Claims, the verdict scale they are rated on, their sources and the
append-only record of every change to a claim's verification status."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from factcheck.permissions import display_name
from timeline.models import Actor, Article, Event, SourceLink, Timeline, new_uid, quote_errors

RATIONALE_MAX_LENGTH = 5000
# A note on a change (publishing, withdrawing): readers see it on the claim's page.
NOTE_MAX_LENGTH = 1000
# A claim's short summary: what search engines' fact-check results show as the
# claim (ClaimReview's claimReviewed); Google asks for at most about 75 characters.
SUMMARY_MAX_LENGTH = 75


class VerdictQuerySet(models.QuerySet):
    def final(self):
        return self.filter(is_final=True)

    def rated(self):
        return self.filter(rating_value__isnull=False)


class Verdict(models.Model):
    """One step of the newsroom's rating scale, or a workflow state such as
    Unverified or In review. Editable in the admin; seeded by a migration."""

    class Colour(models.TextChoices):
        # Tones defined in static/css/verdict.css with text contrast checked in
        # light and dark mode; the label always travels with the colour.
        GREEN = "green", _("green")
        TEAL = "teal", _("teal")
        AMBER = "amber", _("amber")
        ORANGE = "orange", _("orange")
        RED = "red", _("red")
        PURPLE = "purple", _("purple")
        BLUE = "blue", _("blue")
        GREY = "grey", _("grey")

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    label = models.CharField(_("label (English)"), max_length=60)
    label_es = models.CharField(_("label (Spanish)"), max_length=60)
    description = models.CharField(_("meaning"), max_length=300, blank=True)
    colour = models.CharField(_("colour"), max_length=10, choices=Colour.choices, default=Colour.GREY)
    rating_value = models.PositiveSmallIntegerField(
        _("ClaimReview rating value"),
        null=True,
        blank=True,
        help_text=_("Position on the scale for schema.org ClaimReview; empty for workflow states."),
    )
    is_final = models.BooleanField(
        _("final verdict"),
        default=False,
        help_text=_("A final verdict needs a rationale and a source; workflow states such as Unverified do not."),
    )
    is_default = models.BooleanField(_("state of a new claim"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = VerdictQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_verdict"
            )
        ]
        verbose_name = _("verdict")
        verbose_name_plural = _("verdict scale")

    def __str__(self):
        return self.label

    @property
    def localized_label(self) -> str:
        """The label in the active language."""
        if (get_language() or "").startswith("es") and self.label_es:
            return self.label_es
        return self.label

    def clean(self):
        super().clean()
        if self.is_final and self.rating_value is None:
            raise ValidationError({"rating_value": _("A final verdict needs its rating value.")})

    @classmethod
    def default(cls) -> Verdict:
        return cls.objects.get(is_default=True)


def default_verdict_id():
    verdict = Verdict.objects.filter(is_default=True).only("id").first()
    return verdict.id if verdict else None


class ClaimQuerySet(models.QuerySet):
    def published(self):
        """Claims whose status is published (the desk's flag). Readers see
        only the `public()` ones: a published claim can still be unreachable."""
        return self.filter(published=True, published_verdict__isnull=False)

    def reachable(self, on: Timeline | None = None):
        """Claims a reader can reach from a published timeline (`on`, or any),
        whatever their own status: about a public event, or about no event
        and from an article one of whose events is public there. The same
        places the timeline page, the embed and the API list them."""
        events = Event.objects.public(on=on)
        if on is not None:
            # One timeline: its public events are read once (a semi-join),
            # not looked up again for each claim.
            return self.filter(
                Q(event_id__in=events.values("pk"))
                | Q(event__isnull=True, article_id__in=events.values("article_id"))
            )
        return self.filter(
            Q(Exists(events.filter(pk=OuterRef("event_id"))))
            | Q(Exists(events.filter(article_id=OuterRef("article_id"))), event__isnull=True)
        )

    def public(self, on: Timeline | None = None):
        """The one rule for what readers see of claims, used by every public
        page, fragment, feed, API, embed, oEmbed, ClaimReview and search:
        published, and reachable from a published timeline (`on`, or any)."""
        return self.published().reachable(on=on)

    def withdrawn(self):
        """Claims readers saw and the desk withdrew (unpublished): their page
        stays, saying so. Only those still reachable; never-published claims
        are no one's business."""
        return self.filter(published=False, published_verdict__isnull=False).reachable()

    def on_record(self, on: Timeline | None = None):
        """Claims with a public page: public or withdrawn (reachable from
        `on`, or any published timeline)."""
        return self.filter(published_verdict__isnull=False).reachable(on=on)

    def for_readers(self, on: Timeline | None = None):
        return self.public(on=on).select_related("published_verdict", "claimant")


class Claim(models.Model):
    uid = models.SlugField(_("identifier"), max_length=80, unique=True, default=new_uid)
    quote = models.TextField(
        _("claim"), help_text=_("The claim as quoted in the article; “...” marks words left out.")
    )
    summary = models.CharField(
        _("short summary"),
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        help_text=_(
            "At most 75 characters: what the claim says, for search engines’ fact-check results (claimReviewed). "
            "Leave empty to use the quote."
        ),
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.PROTECT, related_name="claims", verbose_name=_("article")
    )
    quote_start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    quote_end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    claimant = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims", verbose_name=_("claimant")
    )
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
        verbose_name=_("event"),
        help_text=_("The event the claim is about, if any."),
    )

    # The working (draft) verification status editors change.
    verdict = models.ForeignKey(
        Verdict, on_delete=models.PROTECT, related_name="claims", default=default_verdict_id, verbose_name=_("verdict")
    )
    rationale = models.TextField(_("rationale"), blank=True, max_length=RATIONALE_MAX_LENGTH)

    # What readers see: the status as it was when last published.
    published = models.BooleanField(_("published"), default=False)
    published_verdict = models.ForeignKey(
        Verdict, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    published_rationale = models.TextField(blank=True, editable=False)
    published_sources = models.JSONField(default=list, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
        verbose_name=_("assigned to"),
    )
    # Optimistic locking: every saved change increments it; a save made from
    # an older version is a conflict.
    version = models.PositiveIntegerField(default=1, editable=False)
    changed_at = models.DateTimeField(default=timezone.now, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "quote_start", "id"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")

    def __str__(self):
        quote = self.quote if len(self.quote) <= 80 else self.quote[:79] + "…"
        return f"“{quote}”"

    def get_absolute_url(self):
        return reverse("claim_detail", kwargs={"pk": self.pk})

    @property
    def has_draft_changes(self) -> bool:
        """Whether the working status differs from what readers see."""
        return (
            not self.published
            or self.verdict_id != self.published_verdict_id
            or self.rationale != self.published_rationale
            or [source.as_dict() for source in self.sources.all()] != self.published_sources
        )

    def clean(self):
        super().clean()
        errors = quote_errors(self)
        if errors:
            raise ValidationError(errors)


class ClaimSource(SourceLink):
    """A source the claim's (draft) verdict rests on."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sources")

    class Meta(SourceLink.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")


class AppendOnlyError(Exception):
    pass


class VerdictChangeQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The verdict history is append-only.")

    def delete(self):
        raise AppendOnlyError("The verdict history is append-only.")

    def corrections(self):
        """Changes readers saw: each publication of a claim's status."""
        return self.filter(action=VerdictChange.Action.PUBLISH)

    def public_log(self):
        """What a claim's page and the feed list: each publication and each
        withdrawal (with the note saying why)."""
        return self.filter(action__in=[VerdictChange.Action.PUBLISH, VerdictChange.Action.UNPUBLISH])


class VerdictChange(models.Model):
    """One change to a claim's verification status. Rows are only ever added."""

    class Action(models.TextChoices):
        VERDICT = "verdict", _("verdict changed")
        RATIONALE = "rationale", _("rationale changed")
        SOURCES = "sources", _("sources changed")
        PUBLISH = "publish", _("published")
        UNPUBLISH = "unpublish", _("unpublished")
        SUMMARY = "summary", _("short summary changed")

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="history")
    action = models.CharField(_("change"), max_length=12, choices=Action.choices)
    from_verdict = models.ForeignKey(Verdict, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_verdict = models.ForeignKey(Verdict, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    from_text = models.TextField(_("from"), blank=True)
    to_text = models.TextField(_("to"), blank=True)
    note = models.TextField(_("note"), blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    claim_version = models.PositiveIntegerField(_("claim version"))
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = VerdictChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("verdict change")
        verbose_name_plural = _("verdict history")

    def __str__(self):
        return f"{self.get_action_display()} · {self.claim_id} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def editor_name(self) -> str:
        if self.editor is None:
            return str(_("Seed data"))
        return display_name(self.editor)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The verdict history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The verdict history is append-only.")
