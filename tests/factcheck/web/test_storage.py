"""Static files as served: our own CSS and JavaScript minified, then hashed
and compressed; files that packages ship are served as they ship them."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage


def served(name: str) -> str:
    return Path(staticfiles_storage.path(staticfiles_storage.stored_name(name))).read_text(encoding="utf-8")


def test_our_stylesheets_and_scripts_are_served_minified():
    for name in ("css/site.css", "js/timeline.js"):
        source = (Path(settings.BASE_DIR) / "static" / name).read_text(encoding="utf-8")
        minified = served(name)
        assert len(minified) < 0.9 * len(source), name
        assert "\n  " not in minified and "/* " not in minified and "// " not in minified, name
    assert "--accent:#1f4e79" in served("css/site.css")
    assert 'document.addEventListener("htmx:configRequest"' in served("js/timeline.js")


def test_the_hashed_name_is_of_the_minified_file_and_compressed_copies_exist():
    name = staticfiles_storage.stored_name("css/site.css")
    assert name != "css/site.css"
    assert Path(staticfiles_storage.path(name) + ".gz").is_file()
    assert served("css/site.css") == Path(staticfiles_storage.path("css/site.css")).read_text(encoding="utf-8")


def test_files_from_packages_are_left_as_shipped():
    import django_htmx

    shipped = Path(django_htmx.__file__).parent / "static" / "django_htmx" / "htmx-2.js"
    assert served("django_htmx/htmx-2.js") == shipped.read_text(encoding="utf-8")


def test_an_inline_stylesheet_is_the_served_file_and_its_hash():
    from factcheck.web.storage import inline_stylesheet
    from tests.csp import sha256_source

    text, source = inline_stylesheet("css/verdict.css")
    assert text == served("css/verdict.css") and "--v-green-bg:var(--v-light,#dcf2e2)" in text
    assert source == sha256_source(text)


def test_several_stylesheets_inline_as_one_text_in_their_order_with_one_hash():
    from factcheck.web.storage import inline_stylesheet
    from tests.csp import sha256_source

    text, source = inline_stylesheet(("css/verdict.css", "css/embed.css"))
    assert text == served("css/verdict.css") + "\n" + served("css/embed.css")
    assert source == sha256_source(text)
    assert inline_stylesheet(["css/verdict.css", "css/embed.css"]) == (text, source)


def test_with_debug_on_the_sources_are_inlined(settings):
    from factcheck.web.storage import inline_stylesheet
    from tests.csp import sha256_source

    settings.DEBUG = True
    sources = [
        (Path(settings.BASE_DIR) / "static" / name).read_text(encoding="utf-8")
        for name in ("css/verdict.css", "css/embed.css")
    ]
    text, source = inline_stylesheet(("css/verdict.css", "css/embed.css"))
    assert text == "\n".join(sources) and source == sha256_source(text)
