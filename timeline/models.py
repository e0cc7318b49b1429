"""Articles, the events they report, the people and organisations in them,
and the timelines that put events in order."""

from __future__ import annotations

import hashlib
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from timeline.dates import FuzzyDate, Precision, precision_error, precision_ordering
from timeline.quotes import Span, locate_quote

http_url = URLValidator(schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://."))


def followable_url(url: str) -> str:
    """`url` when a reader's browser may follow it as a link (http or https), else "".

    Forms, the admin and the services only store such addresses; pages link
    stored addresses through this as well, so one that got in another way (a
    tampered restore, a row written by hand) never becomes a `javascript:` link."""
    address = (url or "").strip()
    if any(char in address for char in "\t\n\r") or not address.lower().startswith(("http://", "https://")):
        return ""
    return address


class HttpURLFormField(forms.URLField):
    default_validators = [http_url]
    default_error_messages = {"invalid": http_url.message}

    def __init__(self, **kwargs):
        super().__init__(**{"assume_scheme": "https", **kwargs})


class HttpURLField(models.URLField):
    """A web address readers can follow: http or https only, never
    javascript:, data: or ftp:, with one clear message in forms and models."""

    default_validators = [http_url]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": HttpURLFormField, **kwargs})


def new_uid() -> str:
    """A stable public identifier (TimelineJS `unique_id`, seed and import keys)."""
    return secrets.token_hex(8)


class Language(models.TextChoices):
    EN = "en", _("English")
    ES = "es", _("Spanish")


class ActorQuerySet(models.QuerySet):
    def public(self, on: Timeline | None = None):
        """People readers may see: among the actors of a public event, or the
        claimant of a public claim (the claim's page names them). With `on`,
        only those the timeline's readers see there (its filter's choices).

        Claims are the claims domain's, which builds on this one: they are
        reached through the reverse relation, never imported."""
        events = Event.objects.public(on=on).values("pk")
        claims = self.model._meta.get_field("claims").related_model.objects.public(on=on)
        on_event = Event.actors.through.objects.filter(event_id__in=events).values("actor_id")
        return self.filter(Q(pk__in=on_event) | Q(pk__in=claims.values("claimant_id")))


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANIZATION = "organization", _("organisation")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    description = models.CharField(_("description"), max_length=300, blank=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self):
        return self.name


class Article(models.Model):
    uid = models.SlugField(_("identifier"), max_length=80, unique=True, default=new_uid)
    headline = models.CharField(_("headline"), max_length=300)
    outlet = models.CharField(_("outlet"), max_length=200)
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    url = HttpURLField(_("web address"), max_length=500, blank=True)
    published_on = models.DateField(_("published"))
    published_precision = models.CharField(
        _("publication date precision"), max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    published_estimated = models.BooleanField(
        _("publication date estimated"),
        default=False,
        help_text=_("The article carries no date; this one was worked out from its content."),
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.EN)
    body = models.TextField(_("text"))
    body_sha256 = models.CharField(max_length=64, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "headline"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return f"{self.headline} ({self.outlet})"

    @property
    def published(self) -> FuzzyDate:
        return FuzzyDate(self.published_on, self.published_precision)

    def clean(self):
        super().clean()
        if self.published_on and (error := precision_error(self.published_on, self.published_precision)):
            raise ValidationError({"published_on": error})

    def save(self, *args, **kwargs):
        self.body_sha256 = hashlib.sha256(self.body.encode()).hexdigest()
        super().save(*args, **kwargs)

    def locate(self, quote: str) -> Span | None:
        return locate_quote(self.body, quote)


class EventQuerySet(models.QuerySet):
    def published(self):
        """The event's own flag; readers see only `public()` events."""
        return self.filter(published=True)

    def public(self, on: Timeline | None = None):
        """Events readers may see: published, on at least one published
        timeline. With `on`, the public events of that timeline (none when
        it is not published), without looking at any other timeline's rows."""
        if on is not None:
            if not on.published:
                return self.none()
            return self.filter(published=True, entries__timeline=on)
        on_published = TimelineEntry.objects.filter(event_id=OuterRef("pk"), timeline__published=True)
        return self.filter(Exists(on_published), published=True)

    def in_order(self):
        return self.order_by("date", precision_ordering(), "id")


class Event(models.Model):
    uid = models.SlugField(_("identifier"), max_length=80, unique=True, default=new_uid)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    date = models.DateField(_("date"), help_text=_("The first day of the period the event is known to."))
    date_precision = models.CharField(
        _("date precision"), max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_date_precision = models.CharField(
        _("end date precision"), max_length=8, choices=Precision.choices, blank=True
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    actors = models.ManyToManyField(Actor, blank=True, related_name="events", verbose_name=_("actors"))
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="events", verbose_name=_("source article")
    )
    quote = models.TextField(
        _("quoted passage"), blank=True, help_text=_("The article's words for this event, as written there.")
    )
    quote_start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    quote_end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    article_date_precision = models.CharField(
        _("precision the article gives"),
        max_length=8,
        choices=Precision.choices,
        blank=True,
        help_text=_("How precisely the article itself dates the event; the date above is what the desk settled on."),
    )
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date", precision_ordering(), "id"]
        indexes = [models.Index(fields=["date", "date_precision"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="event_end_not_before_start",
            )
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return f"{self.when.iso} {self.title}"

    @property
    def when(self) -> FuzzyDate:
        return FuzzyDate(self.date, self.date_precision)

    @property
    def until(self) -> FuzzyDate | None:
        if self.end_date is None:
            return None
        return FuzzyDate(self.end_date, self.end_date_precision or Precision.DAY)

    def get_absolute_url(self):
        # Only a published timeline is an address readers can follow.
        timeline = self.timelines.filter(published=True).order_by("-featured", "title").first()
        if timeline is None or not self.published:
            return ""
        return f"{timeline.get_absolute_url()}#event-{self.pk}"

    def clean(self):
        super().clean()
        errors = self.date_errors()
        errors.update(quote_errors(self))
        if errors:
            raise ValidationError(errors)

    def date_errors(self) -> dict[str, str]:
        """What is wrong with the dates (a day the precision does not allow,
        an end before the start), by field; the end's precision set to match."""
        errors = {}
        if self.date and (error := precision_error(self.date, self.date_precision)):
            errors["date"] = error
        if self.end_date:
            if not self.end_date_precision:
                self.end_date_precision = Precision.DAY
            if error := precision_error(self.end_date, self.end_date_precision):
                errors["end_date"] = error
            elif self.date and self.end_date < self.date:
                errors["end_date"] = _("The end date is before the start.")
        elif self.end_date_precision:
            self.end_date_precision = ""
        return errors


def quote_errors(obj) -> dict[str, str]:
    """Locate `obj.quote` in `obj.article`, storing the span; the field error
    when the quote is not in the article. Shared by events and claims."""
    obj.quote_start = obj.quote_end = None
    if not obj.quote or obj.article_id is None:
        return {}
    span = obj.article.locate(obj.quote)
    if span is None:
        return {"quote": _("This passage is not in the article “%(headline)s”.") % {"headline": obj.article.headline}}
    obj.quote_start, obj.quote_end = span.start, span.end
    return {}


class SourceLink(models.Model):
    """A source an event or a verdict rests on: a citation, and a link when there is one."""

    title = models.CharField(_("citation"), max_length=300)
    url = HttpURLField(_("web address"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        return self.title

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url}


class EventSource(SourceLink):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sources")

    class Meta(SourceLink.Meta):
        verbose_name = _("event source")
        verbose_name_plural = _("event sources")


class TimelineQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def showing_claim(self, claim):
        """Timelines whose readers see the claim: through its event, or through
        the article whose events the timeline carries."""
        condition = Q(events__claims=claim)
        if claim.article_id:
            condition |= Q(events__article_id=claim.article_id)
        return self.filter(condition).distinct()

    def reaching(self, claim):
        """Published timelines whose readers see the claim: those carrying its
        event (when it is about one), else those carrying a published event
        of its article (the "other claims in the article")."""
        if claim.event_id:
            return self.published().filter(entries__event_id=claim.event_id, entries__event__published=True)
        if claim.article_id:
            entries = TimelineEntry.objects.filter(
                timeline_id=OuterRef("pk"), event__published=True, event__article_id=claim.article_id
            )
            return self.published().filter(Exists(entries))
        return self.none()


class Timeline(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.EN)
    events = models.ManyToManyField(Event, through="TimelineEntry", related_name="timelines", blank=True)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    published = models.BooleanField(_("published"), default=False)
    # Bumped by every change readers can see (publishing, verdicts): the
    # version stamp behind ETags and embed polling.
    content_version = models.PositiveIntegerField(default=1, editable=False)
    content_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TimelineQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("timeline")
        verbose_name_plural = _("timelines")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("timeline:detail", kwargs={"slug": self.slug})

    # The version stamp is written only by `timeline.stamps.timelines_touch`
    # (UPDATE ... + 1). Saving an instance loaded earlier (the admin form)
    # must not write back its older value: a reused version would answer
    # "not modified" for changed content.
    STAMP_FIELDS = ("content_version", "content_changed_at")

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in self.STAMP_FIELDS
            ]
        super().save(*args, **kwargs)


class TimelineEntry(models.Model):
    timeline = models.ForeignKey(Timeline, on_delete=models.CASCADE, related_name="entries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="entries")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["timeline", "event"], name="unique_timeline_event")]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self):
        return f"{self.timeline} · {self.event}"
