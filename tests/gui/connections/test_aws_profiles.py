"""The AWS profile combo of the connection page, filled on a worker."""

from __future__ import annotations

from gui_driver import TIMEOUT_MS, show_active

from cogtotp_gui.app import create_main_window


def test_aws_profiles_are_offered_once_admin_mode_is_chosen(qtbot, tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.write_text(
        "[default]\nregion = eu-west-1\n[profile helpdesk]\nregion = eu-west-1\n[profile Audit]\n", encoding="utf-8"
    )
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    window = create_main_window(None, prefill={})
    show_active(qtbot, window)
    try:
        page = window.wizard.connection_page
        combo = page.aws_profile_combo
        assert not combo.loaded and combo.count() == 0 and not combo.isEnabled()  # user mode: nothing read
        page.aws_profile.setText("typed-before")
        page.admin_mode.setChecked(True)
        qtbot.waitUntil(lambda: combo.loaded, timeout=TIMEOUT_MS)
        assert [combo.itemText(i) for i in range(combo.count())] == ["Audit", "default", "helpdesk"]
        assert page.aws_profile.text() == "typed-before"  # what was typed stays
        combo.setCurrentIndex(combo.findText("helpdesk"))
        assert page.aws_profile.text() == "helpdesk" and combo.accessibleName()
    finally:
        window.shutdown(5000)
        window.close()
