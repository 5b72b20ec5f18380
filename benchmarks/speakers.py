"""Who is quoted, checked: the 30 most quoted sources of a run, judged against a hand-checked list.

usage: python benchmarks/speakers.py [--raw DIR | --out DIR] [--polnear DIR]

``--raw`` (default: the 119 development dumps, ``../shared/dev/cleaning/dumps``) is run through
the toolkit into a temporary folder; ``--out`` reads the tables of an earlier run instead. The
30 most quoted sources (:func:`toolkit.quotes.table.top_speakers`, what notebook 03 and the
dashboard show) are looked up in ``benchmarks/fixtures/speakers_checked.csv``, a list checked by
hand: each speaker is ``ok`` (a person, organisation, group or a typed description) or ``junk``
(a determiner, a pronoun, a place adjective, a fragment, an outlet, a word that is not a
speaker). A speaker not in the list is counted as ``unchecked``: look at it and add it.

With ``--polnear`` (a checkout of networkdynamics/PolNeAR), ``benchmarks/polnear_eval.py`` is
run on its dev split and its figures join the final JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

import toolkit
from toolkit.paths import PROJECT_ROOT
from toolkit.quotes.table import top_speakers

CHECKED = Path(__file__).parent / "fixtures" / "speakers_checked.csv"
DEV_DUMPS = PROJECT_ROOT.parent / "shared" / "dev" / "cleaning" / "dumps"
TOP = 30


def checked() -> dict[str, tuple[str, str]]:
    with CHECKED.open(encoding="utf-8", newline="") as handle:
        return {row["speaker"]: (row["verdict"], row["note"]) for row in csv.DictReader(handle)}


def polnear(directory: Path) -> dict:
    script = Path(__file__).parent / "polnear_eval.py"
    done = subprocess.run([sys.executable, str(script), "--polnear", str(directory), "--split", "dev"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEV_DUMPS)
    parser.add_argument("--out", type=Path, help="the tables of an earlier run (skips running the toolkit)")
    parser.add_argument("--polnear", type=Path, help="a PolNeAR checkout: add its dev figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        quotes = (toolkit.load(args.out) if args.out else toolkit.run(args.raw, Path(scratch), progress=False)).quotes
    verdicts = checked()
    top = top_speakers(quotes, TOP)
    top["verdict"] = [verdicts.get(s, ("unchecked", ""))[0] for s in top["speaker"]]
    top["note"] = [verdicts.get(s, ("", ""))[1] for s in top["speaker"]]
    with pd.option_context("display.width", 200, "display.max_colwidth", 70):
        print(top.to_string(index=False))
    result = {
        "quotes": len(quotes),
        "top": TOP,
        "junk_in_top": int((top["verdict"] == "junk").sum()),
        "unchecked_in_top": int((top["verdict"] == "unchecked").sum()),
        "without_speaker": round(float(quotes["speaker"].isna().mean()), 3),
        "speaker_types": quotes["speaker_type"].value_counts().to_dict(),
        "resolutions": quotes["resolution"].value_counts().to_dict(),
    }
    if args.polnear:
        result["polnear_dev"] = polnear(args.polnear)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
