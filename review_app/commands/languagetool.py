"""`review-app languagetool install|status`: a local LanguageTool, and what would be used."""

from __future__ import annotations

import argparse
import os
import sys

from review_app.commands.common import checked_value, settings_from_args
from review_app.document.visible import escaped
from review_app.errors import CheckerUnavailable, ReviewAppError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "languagetool",
        help="install a local LanguageTool, or see which one would be used",
        description="Manage the LanguageTool that language-tool-python keeps in its download "
        "folder (LTP_PATH, default ~/.cache/language_tool_python).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    install = actions.add_parser(
        "install",
        help="download LanguageTool (about 250 MB; needs Java 17 or newer)",
        description="Download and unpack LanguageTool through language-tool-python, with a "
        "progress bar. Java 17 or newer is checked first.",
    )
    install.add_argument(
        "--version",
        dest="lt_version",
        metavar="VERSION",
        default=None,
        help="a release such as 6.6, or a snapshot date YYYYMMDD (default: the library's)",
    )
    install.set_defaults(func=run_install)
    status = actions.add_parser(
        "status", help="what is installed where, which Java, whether a server answers"
    )
    status.add_argument(
        "--languagetool-url",
        metavar="URL",
        type=checked_value("languagetool_url"),
        action="extend",
        default=None,
        help="a LanguageTool server to ask (repeat for several)",
    )
    status.set_defaults(func=run_status)


def _say(line: str) -> None:
    print(line, file=sys.stderr)


def run_install(args: argparse.Namespace) -> int:
    import requests
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool
    from language_tool_python.exceptions import LanguageToolError

    from review_app.checking.languagetool_local import download_folder, require_java

    version = args.lt_version or LTP_DOWNLOAD_VERSION
    try:
        java = require_java()
    except CheckerUnavailable as exc:
        raise ReviewAppError(f"cannot install LanguageTool: {exc}") from None
    try:
        local = LocalLanguageTool.from_version_name(version)
    except ValueError:
        raise ReviewAppError(
            f"unknown LanguageTool version {version!r}: give a release such as 6.6 "
            "or a snapshot date YYYYMMDD"
        ) from None
    if local in local.get_installed_versions():
        _say(f"LanguageTool {version} is already installed in {download_folder()}")
        return 0
    try:
        url = local.download_url
    except LanguageToolError as exc:
        raise ReviewAppError(f"cannot install LanguageTool {version}: {exc}") from None
    _say(f"Java {java.version} at {java.path}: fine")
    _say(f"downloading LanguageTool {version} from {url} into {download_folder()}")
    try:
        local.download()  # the library's download: a tqdm progress bar on stderr
    except requests.ConnectionError:
        raise ReviewAppError(
            f"cannot download LanguageTool {version} from {url}: no connection "
            "(offline?); use --languagetool-url with a LanguageTool server instead"
        ) from None
    except (requests.Timeout, TimeoutError):
        raise ReviewAppError(f"cannot download LanguageTool {version}: {url} timed out") from None
    except (LanguageToolError, OSError, SystemError, ModuleNotFoundError) as exc:
        message = " ".join(str(exc).split())[:200]
        raise ReviewAppError(f"cannot install LanguageTool {version}: {message}") from None
    _say(f"LanguageTool {version} installed in {download_folder()}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from language_tool_python.utils import LTP_JAR_DIR_PATH_ENV_VAR, LTP_PATH_ENV_VAR

    from review_app.checking.languagetool import clean_version, options_from_settings
    from review_app.checking.languagetool_client import LanguageToolClient
    from review_app.checking.languagetool_local import (
        MIN_JAVA,
        download_folder,
        find_installs,
        find_java,
    )

    settings = settings_from_args(args).languagetool
    out = sys.stdout
    folder = download_folder()
    where = f"{LTP_PATH_ENV_VAR}={folder}" if LTP_PATH_ENV_VAR in os.environ else str(folder)
    print(f"download folder: {where}{'' if folder.is_dir() else ' (does not exist)'}", file=out)
    jar_dir = os.environ.get(LTP_JAR_DIR_PATH_ENV_VAR)
    if jar_dir:
        print(f"{LTP_JAR_DIR_PATH_ENV_VAR}: {jar_dir}", file=out)
    installs = find_installs()
    if installs:
        for install in installs:
            print(f"installed: LanguageTool {install.version} at {install.folder}", file=out)
    else:
        print("installed: none (`review-app languagetool install` downloads one)", file=out)
    java = find_java()
    if java is None:
        print(f"java: none on PATH (LanguageTool needs Java {MIN_JAVA} or newer)", file=out)
    else:
        verdict = "fine" if java.ok else f"too old, LanguageTool needs {MIN_JAVA} or newer"
        print(f"java: {java.version} at {java.path} ({verdict})", file=out)
    answering: list[str] = []
    timeout = min(settings.timeout, 10.0)
    for url in settings.url:
        try:
            client = LanguageToolClient(url, options_from_settings(settings), timeout=timeout)
            answer = f"{url} answers, LanguageTool {clean_version(client.version())}"
            answering.append(url)
        except CheckerUnavailable as exc:
            answer = str(exc)
        print(f"server: {escaped(answer)}", file=out)  # the server's words are untrusted
    if not settings.url:
        print(
            "server: none configured (--languagetool-url, REVIEW_APP_LANGUAGETOOL_URL, "
            "or url in the [languagetool] section of a config file)",
            file=out,
        )
    public = "allowed" if settings.public_api else "not allowed"
    print(f"public API: {public} (--languagetool-public-api)", file=out)
    if answering:
        auto = f"LanguageTool at {', '.join(answering)}"
    elif len(settings.url) == 1:
        auto = "offline (the configured server does not answer)"
    elif settings.url:
        auto = "offline (none of the configured servers answers)"
    elif settings.public_api:
        auto = "the public LanguageTool API"
    elif installs and java is not None and java.ok:
        auto = f"LanguageTool {installs[0].version} from {installs[0].folder}, started on demand"
    else:
        auto = "offline"
    print(f"--checker auto would use: {auto}", file=out)
    return 0
