"""Static files as the site serves them: our own stylesheets and scripts
minified, then hashed and compressed by whitenoise (`collectstatic`)."""

from pathlib import Path

from django.conf import settings
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
