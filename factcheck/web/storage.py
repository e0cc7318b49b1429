"""Static files as the site serves them: our own stylesheets and scripts
minified, then hashed and compressed by whitenoise (`collectstatic`)."""

import base64
import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from rcssmin import cssmin
from rjsmin import jsmin
from whitenoise.storage import CompressedManifestStaticFilesStorage

MINIFIERS = {".css": cssmin, ".js": jsmin}


class MinifiedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Minifies the CSS and JavaScript under STATICFILES_DIRS (the project's
    own; packages ship theirs minified or as they want them served) before
    they are hashed and compressed. The sources stay readable."""

    def post_process(self, paths, dry_run=False, **options):
        if not dry_run:
            own = [Path(d).resolve() for d in settings.STATICFILES_DIRS]
            paths = dict(paths)
            for name, (storage, source) in list(paths.items()):
                minify = MINIFIERS.get(Path(name).suffix)
                if minify and not name.endswith((".min.css", ".min.js")) and _is_under(storage.path(source), own):
                    target = Path(self.path(name))
                    target.write_text(minify(target.read_text(encoding="utf-8")), encoding="utf-8")
                    # Hash and compress the minified copy, not the source.
                    paths[name] = (self, name)
        yield from super().post_process(paths, dry_run=dry_run, **options)


def _is_under(path: str, folders: list[Path]) -> bool:
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(folder) for folder in folders)



def inline_stylesheet(names: str | tuple[str, ...]) -> tuple[str, str]:
    """A stylesheet's text as the site serves it, and the CSP source that
    allows it inline ('sha256-...'). Several names: their texts joined, in
    that order, into one stylesheet with one hash (the embed's: the verdict
    badges, then the card).

    For responses whose first paint matters more than sharing a cached file:
    the embed, which would otherwise wait one more round trip inside the
    newsroom's page. The collected (minified) files, read once per process (a
    release restarts them); with DEBUG on, the sources, read every time."""
    names = (names,) if isinstance(names, str) else tuple(names)
    if settings.DEBUG:
        return _with_hash(_joined(Path(finders.find(name)).read_text(encoding="utf-8") for name in names))
    return _collected_stylesheet(names)


@functools.cache
def _collected_stylesheet(names: tuple[str, ...]) -> tuple[str, str]:
    paths = (staticfiles_storage.path(staticfiles_storage.stored_name(name)) for name in names)
    return _with_hash(_joined(Path(path).read_text(encoding="utf-8") for path in paths))


def _joined(texts) -> str:
    return "\n".join(texts)


def _with_hash(text: str) -> tuple[str, str]:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"'sha256-{digest}'"
