"""High contrast: banners use the palette and keep icon and words."""

from __future__ import annotations

from cogtotp_gui.ui.common import theme, widgets


def test_high_contrast_banners_use_the_palette_and_keep_icon_and_words(wizard_app, qapp):
    driver = wizard_app
    previous = qapp.palette()
    theme.apply_high_contrast(qapp)
    try:
        assert theme.high_contrast()
        driver.sign_in("sms", password="Wrong-password-1")
        driver.wait_banner()
        banner = driver.page().banner
        assert "#fdecea" not in banner.styleSheet() and "palette(" in banner.styleSheet()
        assert banner.accessibleName() == "Error"  # the kind in words, not only in colour
        assert not banner._icon.pixmap().isNull()
        assert widgets.error_text_style() == ""
        # Outlines in the text colour (Fusion would draw them black on black), arrows that exist.
        import re
        from pathlib import Path

        style = qapp.styleSheet()
        assert "border: 1px solid palette(window-text)" in style
        arrows = re.findall(r"url\(([^)]+)\)", style)
        assert arrows and all(Path(path).is_file() for path in arrows)
        assert widgets.icon("eye").availableSizes() or not widgets.icon("eye").isNull()
    finally:
        qapp.setProperty(theme.PROPERTY, False)
        qapp.setStyleSheet("")
        qapp.setPalette(previous)


def test_high_contrast_settings_dialog_errors_keep_to_the_palette(qtbot, qapp, tmp_path):
    """The settings dialog's field errors were red on black in high contrast."""
    from PySide6.QtCore import QSettings

    from cogtotp_gui.connections.store import ProfileStore
    from cogtotp_gui.ui.connections.settings_dialog import SettingsDialog

    store = ProfileStore(QSettings(str(tmp_path / "u.ini"), QSettings.Format.IniFormat), it_ini=[])
    normal = SettingsDialog(store, audit_dir=tmp_path, apply_language=False)
    qtbot.addWidget(normal)
    qtbot.keyClicks(normal.pool_edit, "not-a-pool")
    assert normal.error_labels["user_pool_id"].isVisibleTo(normal)
    assert "color:" in normal.error_labels["user_pool_id"].styleSheet()  # red outside high contrast
    previous = qapp.palette()
    theme.apply_high_contrast(qapp)
    try:
        dialog = SettingsDialog(store, audit_dir=tmp_path, apply_language=False)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.pool_edit, "not-a-pool")
        assert dialog.error_labels["user_pool_id"].isVisibleTo(dialog)
        assert dialog.error_labels and all(label.styleSheet() == "" for label in dialog.error_labels.values())
    finally:
        qapp.setProperty(theme.PROPERTY, False)
        qapp.setStyleSheet("")
        qapp.setPalette(previous)
