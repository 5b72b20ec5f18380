"""environment.yml must list the same pinned packages as pyproject.toml, as valid conda specs."""

import re
import tomllib

import yaml
from rattler import MatchSpec

from toolkit.paths import PROJECT_ROOT

CONDA_NAMES = {"kaleido": "python-kaleido"}


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    pins = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    wanted = {}
    for pin in pins:
        name, version = re.match(r"([A-Za-z0-9_.-]+)==(.+)", pin).groups()
        wanted[CONDA_NAMES.get(name.lower(), name.lower())] = version
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda, pip = {}, []
    for item in env["dependencies"]:
        if isinstance(item, dict):
            pip.extend(item["pip"])
            continue
        spec = MatchSpec(item)
        conda[spec.name.normalized] = str(spec.version)
    pip_pins = dict(p.split("==") for p in pip if "==" in p)
    found = {**{k: v.lstrip("=") for k, v in conda.items()}, **pip_pins}
    for name, version in wanted.items():
        assert name in found, f"{name} missing from environment.yml"
        assert found[name].startswith(version), f"{name}: environment.yml {found[name]} != pyproject {version}"
    assert "python" in conda
