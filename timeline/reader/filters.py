"""What a reader asks of a timeline page.

The page's query parameters (`q`, `verdict`, `actor`, `from`, `to`, `page`,
`open`) are read into `Criteria`. A value that cannot be used is dropped and
explained in a short notice; the page is still served. Notices never repeat
the value the reader sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

# Longest search the page accepts; anything longer is a paste gone wrong.
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Criteria:
    """The filters in force. Empty values mean "any"."""

    q: str = ""
    verdict: str = ""
    actor: int | None = None
    year_from: int | None = None
    year_to: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.q or self.verdict or self.actor or self.year_from or self.year_to)


@dataclass(frozen=True)
class FilterOptions:
    """What the filter menus offer on one timeline."""

    verdicts: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    years: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class ReaderRequest:
    criteria: Criteria
    page: str = ""
    open_event: int | None = None
    notices: tuple[str, ...] = ()


class TimelineFilterForm(forms.Form):
    """Validates the query parameters: a verdict and a person the timeline's
    readers see, sensible years, a search of reasonable length."""

    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("That search is too long (at most %(limit_value)d characters), so it was not run."),
            "null_characters_not_allowed": _("That search contains characters that cannot be searched for."),
        },
    )

    def __init__(self, data, *, timeline):
        from factcheck.models import Claim, Verdict
        from timeline.models import Actor

        super().__init__(data)
        # Only what this timeline's readers see: a verdict one of its public
        # claims carries, a person on one of its public events or claims. Any
        # other value, whether it exists or not, gets the same notice.
        self.fields["verdict"] = forms.ModelChoiceField(
            required=False,
            queryset=Verdict.objects.filter(pk__in=Claim.objects.public(on=timeline).values("published_verdict")),
            to_field_name="slug",
            error_messages={"invalid_choice": _("No claim here has that verdict; showing every verdict.")},
        )
        self.fields["actor"] = forms.ModelChoiceField(
            required=False,
            queryset=Actor.objects.public(on=timeline),
            error_messages={"invalid_choice": _("That person is not on this timeline; showing everyone.")},
        )
        year_errors = {
            "invalid": _("A year is written like 2024; that range was not applied."),
            "min_value": _("A year is written like 2024; that range was not applied."),
            "max_value": _("A year is written like 2024; that range was not applied."),
        }
        for name in ("from", "to"):
            self.fields[name] = forms.IntegerField(
                required=False, min_value=1, max_value=9999, error_messages=year_errors
            )
        self.fields["open"] = forms.IntegerField(required=False, min_value=1, max_value=2**62)

    def reader_request(self) -> ReaderRequest:
        """The criteria made of every valid parameter, and a notice per invalid one."""
        self.is_valid()
        data = self.cleaned_data
        notices: list[str] = []
        for name, errors in self.errors.items():
            if name == "open":
                continue  # a stale "show details" link: just show the page
            message = str(errors[0])
            if message not in notices:
                notices.append(message)
        year_from, year_to = data.get("from"), data.get("to")
        if year_from and year_to and year_from > year_to:
            year_from, year_to = year_to, year_from
            notices.append(str(_("The years were the wrong way round; they have been swapped.")))
        verdict, actor = data.get("verdict"), data.get("actor")
        criteria = Criteria(
            q=data.get("q") or "",
            verdict=verdict.slug if verdict else "",
            actor=actor.pk if actor else None,
            year_from=year_from,
            year_to=year_to,
        )
        page = self.data.get("page", "")
        return ReaderRequest(
            criteria=criteria,
            page=page if isinstance(page, str) else "",
            open_event=data.get("open"),
            notices=tuple(notices),
        )
