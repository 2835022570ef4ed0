"""Accuracy benchmark: translit_norm beside the usual matchers on the dev set.

Run ``python benchmarks/accuracy/run.py`` (baselines need ``pip install -e '.[bench]'``).
For both protocols (see ``dataset.py``) it prints accuracy, wrong-entity, abstain and
false-match rates at each system's default threshold, the baselines' best cutoffs, breakdowns
of translit_norm by script, language, source and form, and the cases translit_norm gets wrong.
With ``--write-docs`` it also rewrites the tables in ``docs/accuracy.md`` (between markers)
and plots accuracy and false-match rate against the threshold to ``docs/accuracy.png``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from dataset import (  # noqa: E402
    PROTOCOLS,
    Protocol,
    Variant,
    load_entities,
    load_negatives,
    protocol,
    source_family,
)
from evaluate import (  # noqa: E402
    Figures,
    System,
    TranslitNorm,
    breakdown,
    failures,
    false_matches,
    figures,
)

from translit_norm import Expansion  # noqa: E402

DOCS = HERE.parent.parent / "docs"
BEGIN, END = "<!-- accuracy:begin -->", "<!-- accuracy:end -->"


def pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def row(name: str, threshold: str, f: Figures) -> str:
    return (
        f"| {name} | {threshold} | {pct(f.accuracy)} | {pct(f.wrong_rate)} | "
        f"{pct(f.abstain_rate)} | {pct(f.false_match_rate)} |"
    )


#: Forms that are other names of the entity rather than spellings of its name (exonyms of
#: another word, translations, nicknames, birth names, legal names, abbreviations): a spelling
#: matcher finds them only through a registry alias. Reported apart as well as in the total.
OTHER_NAMES = frozenset({"other", "abbreviation"})

HEADER = (
    "| system | threshold | accuracy | wrong entity | abstain | false match |\n"
    "| --- | --- | --- | --- | --- | --- |"
)


def best_cutoffs(system: System, proto: Protocol) -> list[str]:
    """Rows for a baseline's best cutoff (accuracy - false match) and its 90%-recall cutoff."""
    sweep = system.sweep(proto)
    rows = []
    threshold, f = max(sweep, key=lambda tf: (tf[1].accuracy - tf[1].false_match_rate, tf[0]))
    rows.append(row(f"{system.name} (best: acc - fm)", f"{threshold:.2f}", f))
    reaching = [(t, f) for t, f in sweep if f.accuracy >= 0.9]
    if reaching:
        threshold, f = max(reaching, key=lambda tf: tf[0])
        rows.append(row(f"{system.name} (>= 90% recall)", f"{threshold:.2f}", f))
    else:
        top_t, top_f = max(sweep, key=lambda tf: (tf[1].accuracy, tf[0]))
        rows.append(
            row(
                f"{system.name} (max recall {pct(top_f.accuracy)}, 90% never)",
                f"{top_t:.2f}",
                top_f,
            )
        )
    return rows


def baselines(proto: Protocol) -> tuple[list[System], list[str]]:
    """The baselines that can run here, and a note for each that cannot."""
    systems: list[System] = []
    notes: list[str] = []
    try:
        from baselines import jaro_winkler, wratio
    except ImportError as error:
        return [], [f"rapidfuzz/unidecode baselines skipped: {error}"]
    systems += [wratio(proto), jaro_winkler(proto)]
    try:
        from baselines import Nomenklatura

        systems.append(Nomenklatura(proto))
    except ImportError as error:
        notes.append(f"nomenklatura baseline skipped: {error} (pip install -e '.[bench]')")
    return systems, notes


def breakdown_table(
    title: str, queries: Sequence[Variant], answers: Sequence[str | None], group: Callable[..., str]
) -> str:
    lines = [
        f"**{title}**",
        "",
        "| group | n | accuracy | wrong | abstain |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, f in breakdown(queries, answers, group).items():
        lines.append(
            f"| {name} | {f.queries} | {pct(f.accuracy)} | {pct(f.wrong_rate)} | "
            f"{pct(f.abstain_rate)} |"
        )
    return "\n".join(lines)


def evaluate_protocol(
    proto: Protocol, *, with_baselines: bool, show_failures: bool
) -> tuple[str, TranslitNorm, list[System]]:
    """Markdown for one protocol (figures and breakdowns); also the systems, for the plot."""
    ours = TranslitNorm(proto)
    answers, negative_answers = ours.answers(ours.default_threshold)
    lines = [f"### {proto.name}", ""]
    lines.append(
        f"{len(proto.queries)} queries, {len(proto.negatives)} negatives, "
        f"{sum(len(a) for a in proto.aliases.values())} registry aliases."
    )
    spellings = [
        (q, a) for q, a in zip(proto.queries, answers, strict=True) if q.form not in OTHER_NAMES
    ]
    lines += [
        "",
        HEADER,
        row(ours.name, f"{ours.default_threshold:.2f} (default)", ours.run(proto)),
        row(
            f"{ours.name}, spellings only ({len(spellings)} queries)",
            f"{ours.default_threshold:.2f} (default)",
            figures([q for q, _ in spellings], [a for _, a in spellings], negative_answers),
        ),
        # What the opt-in gazetteer's names of places (gazetteer.py) add.
        row(
            f"{ours.name}, with the gazetteer (opt-in)",
            f"{ours.default_threshold:.2f} (default)",
            TranslitNorm(proto, expand=Expansion.ALL).run(proto),
        ),
    ]
    systems: list[System] = []
    if with_baselines:
        systems, notes = baselines(proto)
        for system in systems:
            if system.name.startswith("nomenklatura"):
                lines.append(
                    row(
                        system.name,
                        f"{system.default_threshold:.2f} (documented)",
                        system.run(proto),
                    )
                )
            else:
                lines += best_cutoffs(system, proto)
        lines += [""] + [f"- {n}" for n in notes]
    lines += [
        "",
        breakdown_table("translit_norm by script", proto.queries, answers, lambda q: q.script),
        "",
        breakdown_table("translit_norm by form", proto.queries, answers, lambda q: q.form),
        "",
        breakdown_table("translit_norm by language", proto.queries, answers, lambda q: q.lang),
        "",
        breakdown_table(
            "translit_norm by source (family)",
            proto.queries,
            answers,
            lambda q: source_family(q.source),
        ),
        "",
    ]
    if show_failures:
        wrong = [(q, a) for q, a in failures(proto.queries, answers) if a is not None]
        missed = [(q, a) for q, a in failures(proto.queries, answers) if a is None]
        lines.append(f"**translit_norm: wrong entity ({len(wrong)})**")
        lines += ["", *(f"- `{q.text}` ({q.entity}) -> {a}" for q, a in wrong), ""]
        lines.append(
            f"**translit_norm: false matches ({sum(a is not None for a in negative_answers)})**"
        )
        lines += [
            "",
            *(
                f"- `{n.text}` ({n.type}) -> {a}"
                for n, a in false_matches(proto.negatives, negative_answers)
            ),
            "",
        ]
        lines.append(f"**translit_norm: abstained ({len(missed)})**")
        lines += ["", ", ".join(f"`{q.text}`" for q, _ in missed), ""]
    return "\n".join(lines), ours, systems


def plot(curves: dict[str, list[tuple[float, Figures]]], path: Path) -> None:
    """Accuracy and false-match rate against the threshold, one line per system/protocol."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), sharex=True)
    for label, sweep in curves.items():
        xs = [t for t, _ in sweep]
        style = "-" if "translit_norm" in label else "--"
        left.plot(xs, [100 * f.accuracy for _, f in sweep], style, label=label)
        right.plot(xs, [100 * f.false_match_rate for _, f in sweep], style, label=label)
    left.set(title="Accuracy (right entity, matched)", xlabel="threshold", ylabel="%")
    right.set(title="False matches on hard negatives", xlabel="threshold", ylabel="%")
    for axis in (left, right):
        axis.grid(alpha=0.3)
    left.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_docs(markdown: str, path: Path) -> None:
    """Replace the text between the markers of ``path`` (append them when missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{BEGIN}\n{markdown.strip()}\n{END}"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        text = text + ("\n" if text else "") + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-baselines", action="store_true", help="translit_norm only")
    parser.add_argument("--failures", action="store_true", help="list translit_norm's misses")
    parser.add_argument(
        "--write-docs", action="store_true", help="update docs/accuracy.md and docs/accuracy.png"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    entities, negatives = load_entities(), load_negatives()
    sections = []
    curves: dict[str, list[tuple[float, Figures]]] = {}
    for name in PROTOCOLS:
        proto = protocol(name, entities, negatives)
        markdown, ours, systems = evaluate_protocol(
            proto, with_baselines=not args.no_baselines, show_failures=args.failures
        )
        sections.append(markdown)
        curves[f"translit_norm, {name}"] = ours.sweep(proto)
        for system in systems:
            if system.name == "wratio":
                curves[f"WRatio, {name}"] = system.sweep(proto)
    report = "\n\n".join(sections)
    print(report)
    print(f"\n(ran in {time.perf_counter() - started:.1f} s)")
    if args.write_docs:
        DOCS.mkdir(exist_ok=True)
        write_docs(report, DOCS / "accuracy.md")
        plot(curves, DOCS / "accuracy.png")
        print(f"wrote {DOCS / 'accuracy.md'} and {DOCS / 'accuracy.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
