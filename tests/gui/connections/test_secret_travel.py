"""Issue 19 #6: the client secret goes only where it is needed. The
connection page's field holds it only while that page is on screen (filled
when the page is shown, emptied when it is left); a window that starts on
the sign-in page never writes it into the field at all."""

from __future__ import annotations

from cogtotp_gui.ui.common import worker
from cogtotp_gui.ui.wizard.pages import PageId


def test_the_secret_is_in_the_connection_field_only_while_the_page_is_shown(wizard_app):
    driver = wizard_app
    wizard = driver.wizard
    secret = driver.settings.client_secret
    assert secret  # the training pool's app client has one
    wizard.build_remaining_pages()
    driver.qtbot.waitUntil(lambda: PageId.CONNECTION in wizard._pages, timeout=5_000)
    page = wizard.connection_page
    assert driver.page_id == PageId.CREDENTIALS
    assert page.client_secret.text() == ""  # never shown: never filled

    wizard.show_connection_page()  # Back, or "Check connection settings…"
    driver.wait_page(PageId.CONNECTION)
    assert page.client_secret.text() == secret  # the connection as it is, to change
    assert page.user_pool_id.text() == driver.settings.user_pool_id

    page.user_pool_id.setFocus()
    driver.enter()  # Connect
    driver.wait_page(PageId.CREDENTIALS)
    driver.qtbot.waitUntil(lambda: worker.running_workers() == 0)
    assert driver.controller.settings.client_secret == secret  # the connection has it
    assert page.client_secret.text() == ""  # the page no longer does
