"""Refresh the JavaScript the built book serves itself, from the npm registry.

    python tools/vendor_assets.py

The book must load nothing from other hosts (readers in mainland China often
cannot reach script CDNs), so require.js, the Jupyter widgets HTML manager and
MathJax 3 are copied into ``book/_static/vendor/`` with their licences, and
``_config.yml`` points myst-nb (``nb_ipywidgets_js``) and Sphinx
(``mathjax_path``) at them. Run this script to update them: it downloads the
pinned versions with ``npm pack``, copies exactly the files a page uses and
rewrites ``book/_static/vendor/README.md``. Change a version below, run the
script, build the book and run ``tests/test_browser.py``.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "book" / "_static" / "vendor"

REQUIREJS = "requirejs@2.3.7"
HTML_MANAGER = "@jupyter-widgets/html-manager@1.0.7"  # the manager for ipywidgets 8
MATHJAX = "mathjax@3.2.2"  # Sphinx's mathjax extension speaks MathJax 3

# MathJax files a page can request: the tex-chtml component, its fonts, the
# extensions TeX autoloads (\boldsymbol, \cancel, …), the menu and the
# accessibility modules the menu can switch on.
MATHJAX_PARTS = ("es5/tex-chtml.js", "es5/output/chtml/fonts/woff-v2", "es5/input/tex/extensions", "es5/ui", "es5/a11y")
# The widgets manager: its AMD bundle, the chunks it loads and the icon fonts its CSS uses.
HTML_MANAGER_SUFFIXES = (".js", ".woff", ".woff2", ".ttf", ".eot", ".svg")
HTML_MANAGER_SKIP = ("embed.js", "libembed-amd.js")  # the non-AMD bundle and the library build are unused


REQUIREJS_LICENSE = """RequireJS is released under the MIT license.

Copyright jQuery Foundation and other contributors, https://jquery.org/

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation
the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of
the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def npm_pack(spec: str, into: Path) -> Path:
    """Download one package tarball with ``npm pack`` and unpack it; return its folder."""
    result = subprocess.run(
        ["npm", "pack", "--silent", spec], cwd=into, check=True, capture_output=True, text=True
    )
    tarball = into / result.stdout.strip().splitlines()[-1]
    target = into / tarball.stem
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, destination, ignore=shutil.ignore_patterns("*.map"))
    else:
        shutil.copy2(source, destination)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> int:
    if shutil.which("npm") is None:
        print("npm is needed to refresh the vendored files", file=sys.stderr)
        return 1
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    VENDOR.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)

        requirejs = npm_pack(REQUIREJS, work)
        copy(requirejs / "require.js", VENDOR / "require.js")
        # The npm package carries no LICENSE file; its header declares the MIT licence.
        (VENDOR / "LICENSE-requirejs").write_text(REQUIREJS_LICENSE, encoding="utf-8")

        manager = npm_pack(HTML_MANAGER, work)
        for file in sorted((manager / "dist").iterdir()):
            if file.suffix in HTML_MANAGER_SUFFIXES and file.name not in HTML_MANAGER_SKIP:
                copy(file, VENDOR / "html-manager" / file.name)
        copy(manager / "LICENSE", VENDOR / "html-manager" / "LICENSE")
        if (manager / "dist" / "embed.js.LICENSE.txt").exists():
            copy(manager / "dist" / "embed.js.LICENSE.txt", VENDOR / "html-manager" / "THIRD-PARTY-LICENSES.txt")

        mathjax = npm_pack(MATHJAX, work)
        for part in MATHJAX_PARTS:
            copy(mathjax / part, VENDOR / "mathjax" / part.removeprefix("es5/"))
        copy(mathjax / "LICENSE", VENDOR / "mathjax" / "LICENSE")

    rows = [
        ("require.js", REQUIREJS, "MIT (LICENSE-requirejs)", "require.js", VENDOR / "require.js"),
        ("Jupyter widgets HTML manager", HTML_MANAGER, "BSD-3-Clause (html-manager/LICENSE)",
         "html-manager/embed-amd.js and the chunks and icon fonts it loads", VENDOR / "html-manager"),
        ("MathJax", MATHJAX, "Apache-2.0 (mathjax/LICENSE)",
         "mathjax/tex-chtml.js, its woff-v2 fonts, TeX extensions, menu and a11y modules", VENDOR / "mathjax"),
    ]
    lines = [
        "# Vendored JavaScript",
        "",
        "These files are served from the book's own `_static/` folder so that a page requests nothing from any",
        "other host. They are copied from the npm registry by `tools/vendor_assets.py`; do not edit them by hand.",
        "`_config.yml` points to them (`nb_ipywidgets_js`, `mathjax_path`).",
        "",
        "| Library | npm package | Licence | Files used | Size |",
        "|---|---|---|---|---|",
    ]
    for name, spec, licence, files, path in rows:
        size = path.stat().st_size if path.is_file() else folder_size(path)
        lines.append(f"| {name} | `{spec}` | {licence} | {files} | {size / 1e6:.1f} MB |")
    digest = hashlib.sha256((VENDOR / "html-manager" / "embed-amd.js").read_bytes()).hexdigest()
    lines += ["", f"SHA-256 of `html-manager/embed-amd.js`: `{digest}`", ""]
    (VENDOR / "README.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
