"""The embed-code panel with its script: options, live preview, copying."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_picking_options_updates_the_code_and_the_live_preview(seeded_live_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=seeded_live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{seeded_live_server.url}/timelines/milei-trump/")
    panel = page.locator("#embed-generator")
    expect(panel.locator(".embed-generator__update")).to_be_hidden()  # the script keeps the code current
    panel.locator("summary").click()
    expect(panel.get_by_role("button", name="Copy").first).to_be_visible()

    # The preview is the real snippet running: an iframe made by /embed.js.
    preview = panel.locator(".embed-generator__frame iframe")
    expect(preview).to_have_attribute("src", f"{seeded_live_server.url}/embed/timelines/milei-trump/")

    panel.get_by_label("Dark", exact=True).check()
    panel.get_by_role("checkbox", name=re.compile(r"^False")).check()
    panel.get_by_label("Order").select_option("newest")
    code = panel.locator("#embed-code-script")
    expect(code).to_have_value(re.compile(r"\?theme=dark&amp;verdict=false&amp;order=newest\""))
    expected = f"{seeded_live_server.url}/embed/timelines/milei-trump/?theme=dark&verdict=false&order=newest"
    expect(preview).to_have_attribute("src", expected)
    frame = preview.element_handle().content_frame()
    frame.wait_for_selector("#embed")
    expect(frame.locator("li.claim")).to_have_count(1)
    expect(frame.locator("li.claim")).to_contain_text("Panama Canal")
    assert frame.evaluate("document.documentElement.className") == "theme-dark"

    panel.get_by_label("Height in pixels").fill("400")
    expect(panel.locator("#embed-code-iframe")).to_have_value(re.compile(r'height="400"'))

    panel.locator("[data-copy=embed-code-script]").click()
    expect(panel.locator("[data-copy=embed-code-script]")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == code.input_value()
    context.close()
