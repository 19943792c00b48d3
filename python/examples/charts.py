"""Charts of the what-if script for a policy note: small multiples, SVG and PNG.

Each function draws from the figures of cohort.py (nothing is computed here
but the layout) and writes BASE.svg and BASE.png. matplotlib comes from
Debian's python3-matplotlib; the Agg backend needs no display.
"""
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLOURS = ["#1b6ca8", "#e07b39", "#4a9c5d", "#9b59b6", "#c0392b", "#7f8c8d", "#b8860b", "#2c3e50"]


def _save(fig, base):
    fig.savefig(base + ".svg", bbox_inches="tight")
    fig.savefig(base + ".png", dpi=110, bbox_inches="tight")
    plt.close(fig)


def _grid(n, cols=3, width=4.3, height=3.0):
    rows = max(1, math.ceil(n / cols))
    cols = min(cols, n)
    fig, axes = plt.subplots(rows, cols, figsize=(width * cols, height * rows), squeeze=False)
    flat = [a for row in axes for a in row]
    for a in flat[n:]:
        a.axis("off")
    return fig, flat[:n]


def _legend(fig, rule_sets, names, y=0.0):
    handles = [plt.Line2D([0], [0], color=COLOURS[j % len(COLOURS)], lw=6) for j in range(len(rule_sets))]
    fig.legend(handles, [names.get(rs, rs) for rs in rule_sets], loc="upper center", bbox_to_anchor=(0.5, y),
               ncol=min(3, len(rule_sets)), frameon=False, fontsize=9)


def a_card_by_subgroup(tab, bands, rule_sets, names, subgroups, base, seeds):
    """One panel per subgroup: the share reaching the A card under each rule set (bars),
    with the min-max over the seeds (whiskers)."""
    fig, axes = _grid(len(subgroups))
    for ax, name in zip(axes, subgroups):
        for j, rs in enumerate(rule_sets):
            f, b = tab[name][rs], bands[name][rs]["share_a_card"]
            v = 100 * (f["share_a_card"] or 0)
            err = None
            if b and seeds > 1:
                err = [[v - 100 * b[0]], [100 * b[1] - v]]
            ax.bar(j, v, color=COLOURS[j % len(COLOURS)], yerr=err, capsize=3)
            ax.text(j, v + 2, "%.0f" % v, ha="center", va="bottom", fontsize=8)
        ax.set_title("%s (n = %d)" % (name, tab[name][rule_sets[0]]["cases"]), fontsize=10)
        ax.set_ylim(0, 110)
        ax.set_xticks([])
        ax.set_ylabel("% reaching the A card", fontsize=8)
        ax.tick_params(labelsize=8)
    fig.suptitle("Share reaching the A card (temporary stay), by subgroup and rule set"
                 + (" — whiskers: min–max over %d seeds" % seeds if seeds > 1 else ""), fontsize=11)
    fig.tight_layout(rect=(0, 0.06, 1, 0.96))
    _legend(fig, rule_sets, names, y=0.05)
    _save(fig, base)


def holding_by_month(tab, bands, rule_sets, names, subgroups, base, seeds):
    """One panel per subgroup: the share holding a residence document, month by month since
    the first indications, a line per rule set and its min-max band over the seeds."""
    fig, axes = _grid(len(subgroups))
    for ax, name in zip(axes, subgroups):
        for j, rs in enumerate(rule_sets):
            ys = [100 * y if y is not None else float("nan") for y in tab[name][rs]["holding_by_month"]]
            xs = list(range(len(ys)))
            colour = COLOURS[j % len(COLOURS)]
            ax.plot(xs, ys, color=colour, lw=1.6)
            b = bands[name][rs]["holding_by_month"]
            if seeds > 1 and all(v is not None for v in b):
                ax.fill_between(xs, [100 * v[0] for v in b], [100 * v[1] for v in b], color=colour, alpha=0.18, lw=0)
        ax.set_title("%s (n = %d)" % (name, tab[name][rule_sets[0]]["cases"]), fontsize=10)
        ax.set_ylim(0, 100)
        ax.set_xlabel("months since the first indications", fontsize=8)
        ax.set_ylabel("% holding a document", fontsize=8)
        ax.tick_params(labelsize=8)
        ax.grid(alpha=0.3)
    fig.suptitle("Share holding a residence document over time, by subgroup and rule set"
                 + (" — bands: min–max over %d seeds" % seeds if seeds > 1 else ""), fontsize=11)
    fig.tight_layout(rect=(0, 0.06, 1, 0.96))
    _legend(fig, rule_sets, names, y=0.05)
    _save(fig, base)


def sweep(key, values, by_value, subgroups, base, month):
    """The outcome against a parameter's value: share reaching the A card, and share holding a
    document `month` months after the first indications; a line per subgroup."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for k, name in enumerate(subgroups):
        colour = COLOURS[k % len(COLOURS)]
        a = [100 * (by_value[v][name]["share_a_card"] or 0) for v in values]
        h = [100 * (by_value[v][name]["holding_by_month"][month] or 0) for v in values]
        axes[0].plot(values, a, marker="o", color=colour, label=name)
        axes[1].plot(values, h, marker="o", color=colour, label=name)
    axes[0].set_ylabel("% reaching the A card", fontsize=9)
    axes[1].set_ylabel("%% holding a document after %d months" % month, fontsize=9)
    for ax in axes:
        ax.set_xlabel(key, fontsize=9)
        ax.set_xticks(values)
        ax.set_ylim(0, 100)
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=8)
    fig.suptitle("Sweep of %s (every other parameter as in force)" % key, fontsize=11)
    fig.tight_layout(rect=(0, 0.12, 1, 0.95))
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.1), ncol=3, frameon=False, fontsize=9)
    _save(fig, base)


def readings(rows, base):
    """Horizontal bars: the share of cases whose outcome changes under each contestable reading."""
    rows = sorted(rows, key=lambda r: r["share"])
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(rows) + 1.4))
    labels = ["%s = %s" % (r["parameter"], r["value"]) for r in rows]
    vals = [100 * r["share"] for r in rows]
    ax.barh(range(len(rows)), vals, color=COLOURS[0])
    for i, v in enumerate(vals):
        ax.text(v + 0.3, i, "%.1f %%" % v, va="center", fontsize=8)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlabel("% of the cohort whose outcome changes under the reading", fontsize=9)
    ax.set_xlim(0, max(vals + [1]) * 1.25)
    ax.set_title("Which contestable reading of the law matters most (one reading at a time)", fontsize=11)
    fig.tight_layout()
    _save(fig, base)
