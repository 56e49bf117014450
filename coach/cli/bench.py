"""`coach bench`: measure the coach on this machine (figures, not pass/fail)."""

from __future__ import annotations

import json

import click


def register(cli: click.Group) -> None:
    @cli.command()
    @click.option("--quick", is_flag=True, help="Smaller run (2,000 earlier turns, 2 cold starts).")
    @click.option("--memory", "memory_n", type=int, default=0, show_default=True,
                  help="Also index N statements into chromadb and time queries (e.g. 100000).")
    @click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
    def bench(quick: bool, memory_n: int, as_json: bool) -> None:
        """Turn latency (analyze -> store, 10,000 earlier turns), cold start, peak memory.

        \b
        Targets on a 2-core machine: turn p95 <= 50 ms, cold start <= 2.5 s,
        summary of 40 turns <= 200 ms; with --memory 100000: query p95 <= 15 ms, ingest >= 300/s.
        """
        from coach import bench as b

        result = b.run(quick=quick, memory_n=memory_n)
        if as_json:
            click.echo(b.to_json(result))
            return
        m, t, c = result["machine"], result["turn"], result["cold_start"]
        click.echo(f"machine: {m['cpus']} cpus, Python {m['python']}, load {m['load_avg_1m']}")
        click.echo(f"turn latency ({t['earlier_turns']} earlier turns, {t['turns']} turns): "
                   f"p50 {t['p50_ms']} ms · p95 {t['p95_ms']} ms · max {t['max_ms']} ms (target p95 <= 50 ms)")
        click.echo(f"cold start `coach chat --script` (1 message): median {c['warm_home_median_s']} s, "
                   f"p95 {c['warm_home_p95_s']} s; fresh data folder {c['fresh_home_median_s']} s (target <= 2.5 s)")
        click.echo(f"peak memory: chat process {c['peak_rss_mb']} MB; bench process {result['peak_rss_mb_bench']} MB")
        if "summary_40_turns" in result:
            s = result["summary_40_turns"]
            click.echo(f"summary of a 40-turn session: median {s['median_ms']:.1f} ms · p95 {s['p95_ms']:.1f} ms")
        if "memory" in result:
            click.echo("memory: " + json.dumps(result["memory"]))
