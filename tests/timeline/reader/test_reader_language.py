"""The reader's language: the switch's cookie, else the browser's
Accept-Language; the URL never changes."""

import re

from django.conf import settings

from tests import seed_once

URL = "/timelines/milei-trump/"

# The seed, loaded once for this module; each test's writes are rolled back.
seeded, seeded_module = seed_once.seeded, seed_once.seeded_module


def test_accept_language_gives_the_spanish_interface(seeded, client):
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="es-AR,es;q=0.9,en;q=0.5").content.decode()
    assert '<html lang="es">' in html
    assert "Buscar hechos y afirmaciones" in html
    assert "13 hechos y 14 afirmaciones." in html
    # Dates in the reader's language, at their precision.
    assert '<time datetime="2024-07">julio de 2024</time>' in html
    assert '<time datetime="2024-02-24">24 de febrero de 2024</time>' in html
    assert '<time datetime="2018-06-20">20 de junio de 2018</time>' in html
    # Verdict labels from the scale's Spanish labels.
    assert ">Falso</span>" in html and ">Verdadero</span>" in html and ">Sin verificar</span>" in html
    # The content stays English, and says so for screen readers.
    assert re.search(r'<h1 lang="en"><bdi>Milei and Trump: a timeline</bdi></h1>', html)


def test_the_cookie_outranks_the_browser(seeded, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="es">' in html


def test_the_switch_sets_the_cookie_and_returns_to_the_same_view(seeded, client):
    # The switch needs no CSRF token, so public pages set no cookie and stay
    # cacheable; the most a forged post can do is change the language.
    client.handler.enforce_csrf_checks = True
    page = client.get(URL + "?verdict=false", HTTP_ACCEPT_LANGUAGE="en")
    assert "csrfmiddlewaretoken" not in page.content.decode() and not page.cookies
    response = client.post("/i18n/setlang/", {"language": "es", "next": URL + "?verdict=false"})
    assert response.status_code == 302 and response["Location"] == URL + "?verdict=false"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    html = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Se encontraron 1 hecho y 1 afirmación." in html


def test_notices_and_fragments_are_in_spanish_too(seeded, client):
    html = client.get(
        URL, {"verdict": "nonsense", "q": "Panama"}, HTTP_ACCEPT_LANGUAGE="es", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Ninguna afirmación de esta cronología tiene esa calificación; se muestran todas." in html
    assert "Afirmaciones sobre este hecho" in html


def test_the_claim_page_is_in_spanish_with_the_verdicts_meaning(seeded, client):
    from factcheck.models import Claim

    claim = Claim.objects.get(uid="seed-claim-12")
    html = client.get(claim.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert ">Falso</span>" in html
    assert "La afirmación es errónea." in html
    assert "Correcciones y actualizaciones" in html
    assert "22 de enero de 2025" in html


def test_urls_carry_no_language_prefix(seeded, client):
    assert client.get("/es/timelines/milei-trump/", HTTP_ACCEPT_LANGUAGE="es").status_code == 404
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
