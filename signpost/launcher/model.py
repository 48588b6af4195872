"""The trained assistant model: named by a fingerprint of the bot's data, trained when missing."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from signpost.launcher.stack import BOT, REPO

TRAINING_INPUTS = ("config.yml", "domain", "data")
# The custom NLU components and their data files (keywords, danger lexicon) are part of a model:
# a change to them needs a new one.
NLU_COMPONENTS = REPO / "assistant" / "nlu"


def fingerprint() -> str:
    """A short hash of every file the model is built from: the bot's data, the custom NLU
    components and their data, and the Rasa version."""
    digest = hashlib.sha256(b"rasa==3.6.21\n")
    roots = [(BOT, BOT / name) for name in TRAINING_INPUTS] + [(REPO, NLU_COMPONENTS)]
    for base, root in roots:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def model_path(models_dir: Path) -> Path:
    return models_dir / f"signpost-{fingerprint()}.tar.gz"


def ensure_model(models_dir: Path, env: dict[str, str]) -> Path:
    """Return the model that matches the current bot data, training it first if there is none."""
    path = model_path(models_dir)
    if path.exists():
        return path
    models_dir.mkdir(parents=True, exist_ok=True)
    print(f"launcher: no model matches the bot data; training {path.name} (about 2 minutes)")
    subprocess.run(
        [sys.executable, "-m", "rasa", "train",
         "--config", str(BOT / "config.yml"), "--domain", str(BOT / "domain"),
         "--data", str(BOT / "data"), "--out", str(models_dir),
         "--fixed-model-name", path.name.removesuffix(".tar.gz")],
        check=True, cwd=REPO, env=env,
    )
    if not path.exists():
        raise RuntimeError(f"rasa train finished but {path} is missing")
    return path


def main() -> None:
    """``python -m signpost.launcher.model [models_dir]``: train if needed, print the path."""
    from signpost.launcher.stack import Stack, process_env

    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        print("usage: python -m signpost.launcher.model [MODELS_DIR]\n"
              "Trains the assistant into MODELS_DIR (default var/models) if no model there "
              "matches the bot's data; prints the model's path.", file=sys.stderr)
        raise SystemExit(2)
    stack = Stack()
    models = Path(sys.argv[1]) if len(sys.argv) > 1 else stack.var_dir / "models"
    print(ensure_model(models, process_env(stack)))


if __name__ == "__main__":
    main()
