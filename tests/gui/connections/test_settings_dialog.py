"""The settings dialog: checks as you type, saves where it should, tests the
connection on a worker, and speaks the chosen language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QWidget,
)

from cogtotp_gui import i18n, names
from cogtotp_gui.connections import model
from cogtotp_gui.connections.store import ProfileStore
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.ui.connections.settings_dialog import SettingsDialog
from tests.support.memory_keyring import MemoryKeyring, installed

SECRET = "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa9876543210abcdEF"
IT_INI = "[profiles/Corporate]\nuser_pool_id=ap-northeast-1_Corp12345\nclient_id=corpclient\nissuer=Acme\n"


@pytest.fixture
def memory_keyring(monkeypatch):
    monkeypatch.delenv(names.ENV_CLIENT_SECRET, raising=False)
    with installed(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture
def store(tmp_path, memory_keyring):
    it_ini = tmp_path / "it.ini"
    it_ini.write_text(IT_INI, encoding="utf-8")
    return ProfileStore(QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat), it_ini=it_ini)


class StubGateway:
    def __init__(self, result):
        self.result = result

    def check_connection(self):
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


@pytest.fixture
def make_dialog(qtbot, store, tmp_path):
    def make(**kwargs) -> SettingsDialog:
        kwargs.setdefault("apply_language", False)
        dialog = SettingsDialog(store, audit_dir=tmp_path / "audit", **kwargs)
        qtbot.addWidget(dialog)
        return dialog

    return make


def shown_error(dialog: SettingsDialog, field: str) -> str:
    label = dialog.error_labels[field]
    return "" if label.isHidden() else label.text()


def fill(qtbot, dialog: SettingsDialog, **values: str) -> None:
    for field, text in values.items():
        widget = dialog.inputs[field]
        widget.clear()
        qtbot.keyClicks(widget, text)


def test_validates_as_you_type_and_save_follows(qtbot, make_dialog):
    dialog = make_dialog()
    dialog.new_button.click()
    assert not dialog.save_button.isEnabled()
    # Untouched blanks are not shouted at.
    assert all(shown_error(dialog, field) == "" for field in dialog.error_labels)

    qtbot.keyClicks(dialog.name_edit, "Production")
    qtbot.keyClicks(dialog.pool_edit, "eu-west-1")
    assert "eu-west-1_AbCdEf123" in shown_error(dialog, "user_pool_id")
    assert not dialog.save_button.isEnabled()

    qtbot.keyClicks(dialog.pool_edit, "_AbC123")
    assert shown_error(dialog, "user_pool_id") == ""
    assert dialog.region_edit.placeholderText().startswith("eu-west-1")
    qtbot.keyClicks(dialog.client_edit, "client123")
    assert dialog.save_button.isEnabled()

    fill(qtbot, dialog, issuer="Acme:Prod")
    assert "colon" in shown_error(dialog, "issuer")
    assert dialog.issuer_edit.accessibleDescription() == shown_error(dialog, "issuer")
    assert not dialog.save_button.isEnabled()
    fill(qtbot, dialog, issuer="Acme", session_ttl_s="60")
    assert "180" in shown_error(dialog, "session_ttl_s")
    fill(qtbot, dialog, session_ttl_s="")
    qtbot.keyClicks(dialog.secret_edit, "not a secret")
    assert shown_error(dialog, "client_secret") and not dialog.save_button.isEnabled()
    assert not dialog.test_button.isEnabled()
    dialog.secret_edit.clear()
    qtbot.keyClicks(dialog.secret_edit, SECRET)
    assert dialog.save_button.isEnabled() and dialog.test_button.isEnabled()


def test_save_puts_the_secret_in_the_keyring_only(qtbot, make_dialog, store, memory_keyring, tmp_path):
    dialog = make_dialog()
    dialog.new_button.click()
    fill(qtbot, dialog, name="Production", user_pool_id="eu-west-1_AbC123", client_id="client123", client_secret=SECRET)
    with qtbot.waitSignal(dialog.profiles_changed, timeout=1000):
        dialog.save_button.click()

    assert store.get("Production").client_id == "client123"
    assert memory_keyring.passwords[("cogtotp-gui", "Production")] == SECRET
    assert SECRET.encode() not in (tmp_path / "user.ini").read_bytes()
    assert dialog.secret_edit.text() == ""
    assert "keyring" in dialog.secret_edit.placeholderText()
    assert dialog.status_label.text() == "Saved."
    assert dialog.profile_list.currentItem().text() == "Production"


def test_name_taken_by_a_managed_profile_is_refused_as_you_type(qtbot, make_dialog):
    dialog = make_dialog()
    dialog.new_button.click()
    fill(qtbot, dialog, name="corporate", user_pool_id="eu-west-1_AbC123", client_id="c")
    assert "IT manages" in shown_error(dialog, "name")
    assert not dialog.save_button.isEnabled()


def test_managed_profile_is_read_only_but_takes_a_secret(qtbot, make_dialog, store, memory_keyring):
    dialog = make_dialog()
    dialog.profile_list.setCurrentRow(0)
    assert dialog.profile_list.currentItem().text() == "Corporate (managed by IT)"
    assert dialog.managed and not dialog.managed_label.isHidden()
    assert dialog.name_edit.isReadOnly() and dialog.pool_edit.isReadOnly()
    assert not dialog.admin_mode.isEnabled() and not dialog.user_mode.isEnabled()
    assert not dialog.delete_button.isEnabled()
    assert not dialog.save_button.isEnabled()  # nothing typed

    qtbot.keyClicks(dialog.secret_edit, SECRET)
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert memory_keyring.passwords[("cogtotp-gui", "Corporate")] == SECRET
    assert store.get("Corporate").managed


def test_delete_asks_and_forgets_the_secret(qtbot, make_dialog, store, memory_keyring):
    store.save(model.Profile.create(name="Old <b>", user_pool_id="eu-west-1_A", client_id="c"), client_secret=SECRET)
    dialog = make_dialog()
    dialog.show()
    dialog.profile_list.setCurrentRow(1)
    dialog.delete_button.click()  # asks, without blocking
    box = dialog.findChild(QMessageBox, "deleteConnectionBox")
    assert box.isVisible() and box.textFormat() == Qt.TextFormat.PlainText  # the name as typed
    assert box.text() == "Delete the connection “Old <b>” and its saved client secret?"
    box.button(QMessageBox.StandardButton.No).click()  # kept
    assert store.get("Old <b>") is not None and dialog.name_edit.text() == "Old <b>"
    dialog.delete_button.click()
    box = next(b for b in dialog.findChildren(QMessageBox, "deleteConnectionBox") if b.isVisible())
    with qtbot.waitSignal(dialog.profiles_changed, timeout=1000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert store.get("Old <b>") is None and memory_keyring.passwords == {}
    assert dialog.profile_list.count() == 1


def test_connection_test_success_and_failure_with_a_stub(qtbot, make_dialog):
    dialog = make_dialog(gateway_factory=lambda settings, aws_profile: StubGateway({"client_name": "helpdesk"}))
    dialog.new_button.click()
    fill(qtbot, dialog, name="P", user_pool_id="eu-west-1_AbC123", client_id="client123")
    with qtbot.waitSignal(dialog.connection_checked, timeout=5000) as blocker:
        dialog.test_button.click()
    assert blocker.args == [True]
    assert "helpdesk" in dialog.status_label.text()
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=2000)

    error = EnrollmentError(
        ErrorKind.CONFIG, "error.config_not_found", "ResourceNotFoundException: x", code="ResourceNotFoundException"
    )
    dialog._gateway_factory = lambda settings, aws_profile: StubGateway(error)
    with qtbot.waitSignal(dialog.connection_checked, timeout=5000) as blocker:
        dialog.test_button.click()
    assert blocker.args == [False]
    assert "was not found" in dialog.status_label.text() and "ResourceNotFoundException" in dialog.status_label.text()
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=2000)


def test_connection_test_passes_the_aws_profile_in_admin_mode(qtbot, make_dialog):
    seen = []

    def factory(settings, aws_profile):
        seen.append((settings.mode.value, aws_profile, settings.client_secret))
        return StubGateway({"client_name": "c", "admin_flow": "False"})

    dialog = make_dialog(gateway_factory=factory)
    dialog.new_button.click()
    fill(qtbot, dialog, name="P", user_pool_id="eu-west-1_AbC123", client_id="client123", client_secret=SECRET)
    dialog.admin_mode.click()
    fill(qtbot, dialog, aws_profile="helpdesk-admin")
    with qtbot.waitSignal(dialog.connection_checked, timeout=5000) as blocker:
        dialog.test_button.click()
    assert blocker.args == [False]  # the client does not allow admin sign-in
    assert "ALLOW_ADMIN_USER_PASSWORD_AUTH" in dialog.status_label.text()
    assert seen == [("admin", "helpdesk-admin", SECRET)]
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=2000)


def test_connection_test_against_the_emulator(qtbot, make_dialog, emulator):
    seed = emulator.seed
    dialog = make_dialog()
    dialog.new_button.click()
    fill(
        qtbot,
        dialog,
        name="Training",
        user_pool_id=seed.pool_id,
        client_id=seed.client_id,
        client_secret=seed.client_secret,
        endpoint_url=emulator.endpoint_url,
    )
    with qtbot.waitSignal(dialog.connection_checked, timeout=20000) as blocker:
        dialog.test_button.click()
    assert blocker.args == [True], dialog.status_label.text()
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=2000)

    fill(qtbot, dialog, client_secret="WrongSecret" + "x" * 30)
    with qtbot.waitSignal(dialog.connection_checked, timeout=20000) as blocker:
        dialog.test_button.click()
    assert blocker.args == [False]
    assert "secret does not match" in dialog.status_label.text()
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=2000)


def test_preferences_are_saved_as_changed(qtbot, make_dialog, store):
    dialog = make_dialog()
    with qtbot.waitSignal(dialog.preferences_changed, timeout=1000) as blocker:
        dialog.idle_spin.setValue(300)
    assert blocker.args[0].idle_timeout_s == 300
    dialog.clipboard_spin.setValue(10)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ja"))
    assert store.preferences() == model.Preferences(language="ja", idle_timeout_s=300, clipboard_clear_s=10)


def test_choosing_japanese_relabels_the_dialog_at_once(qtbot, make_dialog, qapp):
    dialog = make_dialog(apply_language=True)
    assert dialog.windowTitle() == "Settings"  # connections and preferences (issue 15)
    try:
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ja"))
        assert i18n.current_language() == "ja"
        # Qt posts LanguageChange to every widget; it arrives with the event loop.
        qtbot.waitUntil(lambda: dialog.windowTitle() == "設定", timeout=2000)
        assert dialog.save_button.text() == "保存"
        assert dialog.language_combo.itemText(1) == "English"  # each language names itself
    finally:
        i18n.install_translations(qapp, "en")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Settings", timeout=2000)


def test_open_audit_folder_creates_and_opens_it(qtbot, make_dialog, tmp_path, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = make_dialog()
    dialog.audit_button.click()
    assert (tmp_path / "audit").is_dir()
    assert [url.toLocalFile() for url in opened] == [str(tmp_path / "audit")]


def test_every_control_has_an_accessible_name(make_dialog):
    dialog = make_dialog()
    controls = [
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractButton, QListWidget))
        # the line edit inside a spin box or combo box belongs to its owner
        and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))
    ]
    assert len(controls) > 15
    unnamed = [w.objectName() or type(w).__name__ for w in controls if not w.accessibleName()]
    assert unnamed == []


def test_problems_in_managed_ini_are_shown(qtbot, tmp_path, memory_keyring):
    bad = tmp_path / "bad.ini"
    bad.write_text("[profiles/Broken]\nuser_pool_id=nowhere\nclient_id=c\n", encoding="utf-8")
    store = ProfileStore(QSettings(str(tmp_path / "u.ini"), QSettings.Format.IniFormat), it_ini=bad)
    dialog = SettingsDialog(store, audit_dir=tmp_path, apply_language=False)
    qtbot.addWidget(dialog)
    assert not dialog.problems_label.isHidden()
    assert "Broken" in dialog.problems_label.text() and "eu-west-1_AbCdEf123" in dialog.problems_label.text()


# -- unsaved edits -----------------------------------------------------------------------------


class Answers:
    """Answers the "Unsaved changes" box (window-modal, not blocking): each
    time one opens, records its question and clicks the next answer (and
    fails the test if a question comes unexpectedly)."""

    def __init__(self, dialog: SettingsDialog, *answers: QMessageBox.StandardButton) -> None:
        self.dialog = dialog
        self.answers = list(answers)
        self.asked: list[str] = []

    def __call__(self, action) -> None:
        """Do ``action``; answer the box it opens, if any."""
        action()
        open_boxes = [box for box in self.dialog.findChildren(QMessageBox, "unsavedChangesBox") if box.isVisible()]
        if not open_boxes:
            return
        (box,) = open_boxes
        self.asked.append(box.text())
        assert self.answers, f"unexpected question: {box.text()}"
        box.button(self.answers.pop(0)).click()
        assert not box.isVisible()


def two_saved(store) -> None:
    store.save(model.Profile.create(name="Alpha", user_pool_id="eu-west-1_Alpha1", client_id="alpha"))
    store.save(model.Profile.create(name="Beta", user_pool_id="eu-west-1_Beta1", client_id="beta"))


def select(dialog: SettingsDialog, name: str) -> None:
    row = next(i for i in range(dialog.profile_list.count()) if dialog.profile_list.item(i).text() == name)
    dialog.profile_list.setCurrentRow(row)


def test_moving_to_another_connection_asks_before_losing_edits(qtbot, make_dialog, store):
    two_saved(store)
    dialog = make_dialog()
    select(dialog, "Alpha")
    answers = Answers(dialog, QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard)
    fill(qtbot, dialog, client_id="alpha-edited")
    assert dialog.has_unsaved_changes()

    # Cancel: nothing moves, the edit stays, and so does the selection.
    answers(lambda: select(dialog, "Beta"))
    assert answers.asked == ["Save the changes to “Alpha”?\n\nIf you don't, what you typed here is lost."]
    assert dialog.client_edit.text() == "alpha-edited"
    assert dialog.profile_list.currentItem().text() == "Alpha"

    # Discard: on to Beta; Alpha as it was saved.
    answers(lambda: select(dialog, "Beta"))
    assert dialog.name_edit.text() == "Beta" and dialog.client_edit.text() == "beta"
    assert dialog.profile_list.currentItem().text() == "Beta"
    assert store.get("Alpha").client_id == "alpha"
    assert not dialog.has_unsaved_changes()
    # Nothing typed since: no question.
    answers(lambda: select(dialog, "Alpha"))
    assert len(answers.asked) == 2 and dialog.name_edit.text() == "Alpha"


def test_save_from_the_question_saves_then_moves_on(qtbot, make_dialog, store):
    two_saved(store)
    dialog = make_dialog()
    select(dialog, "Alpha")
    answers = Answers(dialog, QMessageBox.StandardButton.Save)
    fill(qtbot, dialog, client_id="alpha2")
    with qtbot.waitSignal(dialog.profile_saved, timeout=1000) as saved:
        answers(lambda: select(dialog, "Beta"))
    assert saved.args == ["Alpha"]
    assert store.get("Alpha").client_id == "alpha2"
    assert dialog.name_edit.text() == "Beta" and dialog.profile_list.currentItem().text() == "Beta"


def test_a_save_that_fails_keeps_the_form_where_it_was(qtbot, make_dialog, store):
    two_saved(store)
    dialog = make_dialog()
    select(dialog, "Alpha")
    answers = Answers(dialog, QMessageBox.StandardButton.Save)
    fill(qtbot, dialog, user_pool_id="not a pool")
    answers(lambda: select(dialog, "Beta"))
    assert len(answers.asked) == 1
    assert dialog.pool_edit.text() == "not a pool"
    assert dialog.profile_list.currentItem().text() == "Alpha"
    assert shown_error(dialog, "user_pool_id")
    assert store.get("Alpha").user_pool_id == "eu-west-1_Alpha1"


def test_new_and_close_ask_about_a_half_typed_connection(qtbot, make_dialog, store):
    dialog = make_dialog()
    dialog.show()
    dialog.new_button.click()
    answers = Answers(
        dialog,
        QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Discard,
    )
    fill(qtbot, dialog, name="Staging", user_pool_id="eu-west-1_Stage1")
    answers(dialog.new_button.click)  # Cancel: the typing stays
    assert dialog.name_edit.text() == "Staging" and dialog.pool_edit.text() == "eu-west-1_Stage1"
    answers(dialog.reject)  # Close, Escape: Cancel keeps the dialog open
    assert dialog.isVisible() and dialog.name_edit.text() == "Staging"
    assert answers.asked[0].startswith("Save the changes to “Staging”?")
    answers(dialog.reject)  # Discard: closed, nothing saved
    assert not dialog.isVisible()
    assert store.get("Staging") is None
    assert len(answers.asked) == 3


def test_a_secret_typed_for_a_managed_connection_counts_as_an_edit(qtbot, make_dialog):
    dialog = make_dialog()
    dialog.show()
    dialog.profile_list.setCurrentRow(0)  # Corporate, managed by IT
    answers = Answers(dialog, QMessageBox.StandardButton.Discard)
    answers(dialog.reject)  # nothing typed: closes without a question
    assert not dialog.isVisible() and answers.asked == []
    dialog.show()
    qtbot.keyClicks(dialog.secret_edit, SECRET)
    answers(dialog.reject)
    assert answers.asked == ["Save the changes to “Corporate”?\n\nIf you don't, what you typed here is lost."]
    assert not dialog.isVisible()


def test_aws_profiles_are_offered_as_on_the_connection_page(qtbot, make_dialog, tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.write_text("[default]\nregion = eu-west-1\n[profile helpdesk]\nregion = eu-west-1\n", encoding="utf-8")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    dialog = make_dialog()
    dialog.show()
    dialog.new_button.click()
    combo = dialog.aws_profile_combo
    assert not combo.isEnabled() and not combo.loaded  # user mode: nothing read
    dialog.admin_mode.click()
    assert combo.isEnabled()
    qtbot.waitUntil(lambda: combo.loaded, timeout=10_000)
    assert [combo.itemText(i) for i in range(combo.count())] == ["default", "helpdesk"]
    combo.setCurrentIndex(combo.findText("helpdesk"))
    fill(qtbot, dialog, name="Admin desk", user_pool_id="eu-west-1_Adm1", client_id="adm")
    dialog.save_button.click()
    assert dialog.store.get("Admin desk").aws_profile == "helpdesk"


def test_pasted_secret_is_trimmed_and_the_dialog_says_so(qtbot, make_dialog):
    dialog = make_dialog()
    dialog.new_button.click()
    qtbot.keyClicks(dialog.name_edit, "Local moto")
    qtbot.keyClicks(dialog.pool_edit, "us-east-1_abc")
    qtbot.keyClicks(dialog.client_edit, "client123")
    dialog.secret_edit.setFocus()
    dialog.secret_edit.setText("  4f839300-2a5e-4562-b809-a7bbbcf24294 ")  # a paste
    dialog.secret_edit.editingFinished.emit()
    assert dialog.secret_edit.text() == "4f839300-2a5e-4562-b809-a7bbbcf24294"
    assert dialog.secret_trimmed_note.isVisibleTo(dialog)
    assert "removed" in dialog.secret_trimmed_note.text()
    assert not shown_error(dialog, "client_secret")


def test_a_connections_team_campaign_is_saved_with_its_table(qtbot, make_dialog, store):
    dialog = make_dialog()
    dialog.new_button.click()
    fill(qtbot, dialog, name="Desk", user_pool_id="eu-west-1_AbC123", client_id="client123", campaign="spring#1")
    assert "campaign" in shown_error(dialog, "campaign") and not dialog.save_button.isEnabled()
    fill(qtbot, dialog, campaign="Spring 2027")
    assert shown_error(dialog, "campaign") == ""
    dialog.save_button.click()
    assert "needs its table" in shown_error(dialog, "campaign_table")
    assert store.get("Desk") is None
    fill(qtbot, dialog, campaign_table="cogtotp-campaigns")
    with qtbot.waitSignal(dialog.profiles_changed, timeout=1000):
        dialog.save_button.click()
    saved = store.get("Desk")
    assert (saved.campaign, saved.campaign_table) == ("Spring 2027", "cogtotp-campaigns")
