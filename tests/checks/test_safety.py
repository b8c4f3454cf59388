"""Rules raised by kbtool/checks/safety.py, and the text helpers behind them."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from kbtool.core.safety import neutralise, redact, secrets_in, unsafe_html_in
from rule_examples import assert_example_triggers_only_its_rule, example_id, examples_for

MODULE = "kbtool/checks/safety.py"


@pytest.mark.parametrize("example", examples_for(MODULE), ids=example_id)
def test_example_triggers_exactly_its_rule(kb: Path, example: Path) -> None:
    assert_example_triggers_only_its_rule(kb, example)


def test_every_unsafe_form_has_an_example() -> None:
    forms = {example.stem.split("--")[1] for example in examples_for(MODULE) if example.stem.startswith("unsafe-html--")}
    assert forms == {"script", "onclick", "javascript-link", "iframe", "redirect", "remote-style", "reference-definition", "encoded-link"}


@pytest.mark.parametrize(
    "text",
    [
        "AKIAIOSFODNN7EXAMPLE is the key", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN OPENSSH PRIVATE KEY-----",
        "password: Winter2025!", "pwd=hunter2x9", "api_key: sk_live_abc123def", "token = ghp_ABCDEF123456",
        "The Wi-Fi password is Brightwater#2024",
    ],
)
def test_secrets_are_found_and_masked(text: str) -> None:
    assert secrets_in(text)
    shown = redact(text)
    assert shown != text and "••••••" in shown


@pytest.mark.parametrize(
    "text",
    [
        "Password: at least 14 characters, three random words", "Enter your password: <your password>",
        "Type the password: ******** then press Enter", "the access key is stored in the vault", "Token: the six-digit code",
        "Reset the password = done when the banner shows",
        '$password = Read-Host "Enter password" -AsSecureString', "token = $env:TOKEN", "The password is expired.",
    ],
)
def test_prose_about_passwords_is_not_a_secret(text: str) -> None:
    assert secrets_in(text) == [] and redact(text) == text


@pytest.mark.parametrize(
    "text, unsafe",
    [("<script>x</script>", True), ("<IFRAME src=x>", True), ('<img src=x onerror="y">', True), ("[a](javascript:alert(1))", True),
     ('<a href="javascript:x">', True), ("<b>bold</b> and <br>", False), ("the onclick handler in prose", False),
     ('<base href="https://evil.example/">', True), ('<meta http-equiv="refresh" content="0;url=x">', True), ("<form action=x>", True), ("<style>p{}</style>", True),
     ('<p style="background:url(https://e.example/y.png)">', True), ("<svg/onload=alert(1)>", True), ("[t]: javascript:alert(1)", True),
     ('<a href="&#106;avascript:alert(1)">', True), ("[a](jav&#x09;ascript:alert(1))", True), ("\\<object name>", True),
     ('<p style="color: red">', False), ("[docs]: https://example.com/a", False), ("Tom &amp; Jerry = fun", False)],
)
def test_unsafe_html(text: str, unsafe: bool) -> None:
    assert bool(unsafe_html_in(text)) is unsafe


def test_html_in_code_is_an_example_not_markup(kb: Path) -> None:
    from kbtool.checks.validate import validate
    from kbtool.core.config import load_config

    from conftest import TODAY, write

    text = (kb / "kb/kb-0003-answering-a-call.md").read_text() + "\n```html\n<script>alert(1)</script>\n```\n\nInline `<iframe>` too.\n"
    write(kb, "kb/kb-0003-answering-a-call.md", text)
    assert validate(load_config(kb), today=TODAY).findings == []


def test_a_private_key_is_masked_whole() -> None:
    key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM\nQWERTYuiop+/asdfGHJKL0123==\n-----END RSA PRIVATE KEY-----\nNext step."
    assert redact(key) == "--••••••\nNext step."


def test_neutralise_shows_controls_instead_of_acting_on_them() -> None:
    assert neutralise("a\x1b]52;c;x\x07b\x9bc\td\ne") == "a\u241b]52;c;x\u2407b\ufffdc\td\ne"
    assert neutralise("plain") == "plain"


_FRAGMENTS = ["password", ": ", "=", "Summer2024!", "AKIA", "ABCDEFGHIJKLMNOP", "<", "script", "](", "javascript:", "href", " onload", "x", " ", "PRIVATE KEY", "-----BEGIN ", "\n"]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=12).map("".join))
def test_marker_checks_never_hide_a_match(text: str) -> None:
    """secrets_in and unsafe_html_in skip their patterns on text without a marker: the result must not change."""
    from kbtool.core import safety

    assert [(w, m.span()) for w, m in secrets_in(text)] == [(w, m.span()) for w, pattern in safety._SECRETS for m in pattern.finditer(text)]
    assert [(w, m.span()) for w, m in unsafe_html_in(text)] == [(w, m.span()) for w, pattern in safety.UNSAFE_HTML for m in pattern.finditer(text)]
