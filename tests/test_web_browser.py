"""Workbench in a real browser: headless Chromium (Debian package, never a downloaded browser) driven by
Playwright, against the app served by uvicorn on a free localhost port. Screenshots go to
test-output/screenshots/."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from _web_corpus import build_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent: install the Debian packages chromium and chromium-driver "
                "(.ci/run does) to run the browser tests", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (test extra) is not installed")
uvicorn = pytest.importorskip("uvicorn")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from shiju.web import create_app

    path = tmp_path_factory.mktemp("wb") / "store.db"
    ids = build_store(path)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):  # wait for the socket to accept (startup, not a timing assertion)
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", ids
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1360, "height": 900}, locale="zh-CN")
    p = ctx.new_page()
    p.problems = []  # console errors, dialogs and failed requests seen while the test ran
    p.on("dialog", lambda d: (p.problems.append(f"dialog: {d.message}"), d.dismiss()))
    p.on("pageerror", lambda e: p.problems.append(f"pageerror: {e}"))
    p.on("console", lambda m: m.type == "error" and p.problems.append(f"console: {m.text}"))
    p.on("requestfailed", lambda r: p.problems.append(f"requestfailed: {r.url}"))
    yield p
    ctx.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _chart_drawn(page, selector: str) -> None:
    page.wait_for_selector(f"{selector}[data-rendered='1']", timeout=15000)
    assert page.locator(f"{selector} canvas, {selector} svg").count() >= 1


def test_overview_draws_its_charts(site, page):
    base, _ = site
    page.goto(base + "/")
    _chart_drawn(page, "#chart-types")
    _chart_drawn(page, "#chart-heatmap")
    assert page.locator(".count b").first.inner_text().strip() == "7"
    _shot(page, "overview")
    assert page.problems == []


def test_document_highlights_reply_tree_and_no_injected_script(site, page):
    base, ids = site
    page.goto(base + f"/doc/{ids['forum']}")
    page.wait_for_load_state("networkidle")
    _shot(page, "document-forum")
    # Highlighted spans of every kind present in the text render as elements.
    for kind in ("actor", "event", "time", "trigger"):
        assert page.locator(f"#body .hl-{kind}").count() >= 1, kind
    # The reply tree: c3 answers c2, which answers c1.
    nested = page.locator("li[data-comment='c1'] > ul.replies > li[data-comment='c2'] > ul.replies > li[data-comment='c3']")
    assert nested.count() == 1
    assert page.locator("li[data-comment='c2'] .stance.st-oppose").count() == 1
    # The hostile markup is shown as text, and none of it ran.
    assert "<script>window.__pwned = 1</script>" in page.locator("#body").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#doc script, #doc img, #doc svg").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.problems == []


def test_document_side_panel_points_at_its_spans(site, page):
    base, ids = site
    page.goto(base + f"/doc/{ids['news']}")
    page.wait_for_load_state("networkidle")
    assert page.locator("#body .hl-quote").count() >= 2
    item = page.locator(".panel li[data-span]").filter(has_text="布林肯").first
    item.hover()
    assert page.locator("#body .hl.focus").count() >= 2  # both mentions of 布林肯 light up
    _shot(page, "document-news")
    # The legend switches a kind off and on.
    page.locator(".legend-item[data-kind='actor']").click()
    assert "off-actor" in (page.locator("#doc").get_attribute("class") or "")
    page.locator(".legend-item[data-kind='actor']").click()
    assert "off-actor" not in (page.locator("#doc").get_attribute("class") or "")
    page.goto(base + f"/doc/{ids['hant']}")
    assert "中國外交部" in page.locator("#body").inner_text()  # Traditional text kept as written
    _shot(page, "document-traditional")
    assert page.problems == []


def test_dyad_curve_and_graph_render(site, page):
    base, _ = site
    page.goto(base + "/dyad/USA/CHN")
    _chart_drawn(page, "#chart-dyad")
    assert page.locator("table.events tbody tr").count() >= 5
    _shot(page, "dyad-usa-chn")
    page.goto(base + "/graph")
    _chart_drawn(page, "#chart-graph")
    _shot(page, "graph")
    page.goto(base + "/actor/per:antony-blinken")
    _chart_drawn(page, "#chart-timeline")
    assert "美国国务卿" in page.content()
    _shot(page, "actor-blinken")
    assert page.problems == []
