"""`coach bench`: measure the coach on this machine (figures, not pass/fail)."""

from __future__ import annotations

import json

import click

from coach.cli.out import echo_json


def register(cli: click.Group) -> None:
    @cli.command()
    @click.option("--quick", is_flag=True, help="Smaller run (2,000 earlier turns, 2 cold starts).")
    @click.option("--memory", "memory_n", type=int, default=0, show_default=True,
                  help="Also index N statements into chromadb and time queries (e.g. 100000).")
    @click.option("--llm", "llm_url", metavar="URL",
                  help="Instead: LLM mode against this OpenAI-compatible server (e.g. http://127.0.0.1:8080/v1).")
    @click.option("--model", default=None, help="With --llm: the model name (default: COACH_MODEL).")
    @click.option("--script", "scripts", multiple=True, type=click.Path(exists=True, dir_okay=False),
                  help="With --llm: a file of mentee messages, one per line (repeatable; default: built-in).")
    @click.option("--mirror", "mirror", is_flag=True,
                  help="Instead: `coach mirror` on a 60-minute conversation (~10,000 words; target <= 5 s).")
    @click.option("--mirror-file", "mirror_file", type=click.Path(exists=True, dir_okay=False), default=None,
                  help="With --mirror: time this transcript instead of the built-in conversation.")
    @click.option("--app", "app_runs", type=int, default=0, metavar="N",
                  help="Instead: N fresh starts of the app in headless Chromium; time to first paint and to "
                       "a usable message box (needs playwright and Debian's chromium).")
    @click.option("--team-load", "team_users", type=int, default=0, metavar="USERS",
                  help="Instead: USERS simulated people holding offline-coach sessions at once against one team "
                       "server (PostgreSQL + chroma; started in a temp folder unless COACH_DATABASE_URL is set).")
    @click.option("--team-turns", type=int, default=12, show_default=True, help="With --team-load: turns per person.")
    @click.option("--think", "think_s", type=float, default=2.0, show_default=True,
                  help="With --team-load: seconds between one person's messages (jittered +-50%).")
    @click.option("--no-team-memory", is_flag=True, help="With --team-load: without the vector memory (chroma).")
    @click.option("--team-vectors", "team_vectors", type=int, default=0, metavar="N",
                  help="Instead: recall latency at N statements over 500 people on a chroma server, one "
                       "collection per person vs one shared collection filtered by owner.")
    @click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
    def bench(quick: bool, memory_n: int, llm_url: str | None, model: str | None,
              scripts: tuple[str, ...], mirror: bool, mirror_file: str | None, app_runs: int,
              team_users: int, team_turns: int, think_s: float, no_team_memory: bool, team_vectors: int,
              as_json: bool) -> None:
        """Turn latency (analyze -> store, 10,000 earlier turns), cold start, peak memory.

        \b
        Targets on a 2-core machine: turn p95 <= 50 ms, cold start <= 1.0 s, app ready to type
        <= 1.5 s after its first paint (--app),
        summary of 40 turns <= 200 ms; with --memory 100000: query p95 <= 15 ms, ingest >= 300/s.
        With --llm URL: advice rates (shown must be 0) and the latency the coach adds on top of
        the model (target p95 <= 20 ms); it sends traffic to URL only and keeps no data.
        """
        if llm_url:
            _bench_llm(llm_url, model, scripts, as_json)
            return
        if team_users or team_vectors:
            _bench_team(team_users, team_turns, think_s, not no_team_memory, team_vectors, as_json)
            return
        if mirror or mirror_file:
            _bench_mirror(mirror_file, quick, as_json)
            return
        if app_runs:
            from coach.bench.app import bench_app

            r = bench_app(app_runs)
            if as_json:
                echo_json(r, indent=2)
                return
            click.echo(f"app, {r['runs']} fresh starts (load {r['load_avg_1m']}): first paint median "
                       f"{r['first_paint_ms']['median']} ms; ready to type {r['ready_after_paint_ms']['median']} ms "
                       f"after it (p95 {r['ready_after_paint_ms']['p95']} ms, target <= 1500 ms); a first "
                       f"message typed at once is answered in {r['first_reply_ms']['median']} ms")
            return
        from coach.bench import offline as b

        result = b.run(quick=quick, memory_n=memory_n)
        if as_json:
            click.echo(b.to_json(result))
            return
        m, t, c = result["machine"], result["turn"], result["cold_start"]
        click.echo(f"machine: {m['cpus']} cpus, Python {m['python']}, load {m['load_avg_1m']}")
        click.echo(f"turn latency ({t['earlier_turns']} earlier turns, {t['turns']} turns): "
                   f"p50 {t['p50_ms']} ms · p95 {t['p95_ms']} ms · max {t['max_ms']} ms (target p95 <= 50 ms)")
        click.echo(f"cold start `coach chat --script` (1 message): median {c['warm_home_median_s']} s, "
                   f"p95 {c['warm_home_p95_s']} s; fresh data folder {c['fresh_home_median_s']} s (target <= 1.0 s)")
        click.echo(f"peak memory: chat process {c['peak_rss_mb']} MB; bench process {result['peak_rss_mb_bench']} MB")
        if "summary_40_turns" in result:
            s = result["summary_40_turns"]
            click.echo(f"summary of a 40-turn session: median {s['median_ms']:.1f} ms · p95 {s['p95_ms']:.1f} ms")
        g = result["guard"]
        gl = result["guard_line"]
        click.echo(f"guard.check per line ({gl['lines']} labeled lines): p50 {gl['p50_ms']} ms · p95 {gl['p95_ms']} ms "
                   "(target p50 <= 2 ms)")
        click.echo("guard: " + " · ".join(f"{k} p50 {v['p50']:.2f} ms" for k, v in g.items()))
        h = result["hostile"]
        click.echo(f"hostile input: 100 KB paste analyzed in {h['analyze_100kb_paste_ms']} ms (target <= 2000), "
                   f"a 100,000-character token {h['analyze_100k_char_token_ms']} ms, "
                   f"a 20,000-sentence line checked in {h['guard_20k_sentences_ms']} ms (target <= 1000)")
        if "memory" in result:
            click.echo("memory: " + json.dumps(result["memory"]))


def _bench_team(users: int, turns: int, think_s: float, memory: bool, vectors: int, as_json: bool) -> None:
    import os

    from coach.bench import team as bt

    if vectors:
        r = bt.bench_team_vectors(vectors, chroma_url=os.environ.get("COACH_CHROMA_URL") or None,
                                  log=None if as_json else click.echo)
        if as_json:
            echo_json(r, indent=2)
            return
        click.echo(f"{r['statements']:,} statements over {r['people']} people ({r['statements_each']:,} each), "
                   f"{r['queries']} queries, k={r['k']} (load {r['machine']['load_avg_1m']}):")
        for layout, name in (("per_person", "one collection per person"), ("shared", "one collection, where owner")):
            x = r[layout]
            click.echo(f"  {name}: first query p50 {x['first_ms']['median']} ms / p95 {x['first_ms']['p95']} ms; "
                       f"then p50 {x['warm_ms']['median']} ms / p95 {x['warm_ms']['p95']} ms; recall@{r['k']} "
                       f"{x['recall_at_k']}; ingest {r['ingest_per_s'][layout]:,}/s")
        return
    r = bt.bench_team_load(users, turns, think_s, memory=memory,
                           db_url=os.environ.get("COACH_DATABASE_URL") or None,
                           chroma_url=os.environ.get("COACH_CHROMA_URL") or None)
    if as_json:
        echo_json(r, indent=2)
        return
    t = r["turn_ms"]
    click.echo(f"{r['users']} people x {r['turns_per_user']} turns, a message every ~{r['think_s']} s each, "
               f"memory {'on' if r['memory'] else 'off'} (load {r['machine']['load_avg_1m']}): "
               f"turn median {t['median']} ms · p95 {t['p95']} ms · max {t['max']} ms (target p95 <= 100 ms); "
               f"{r['turns_per_s']} turns/s; errors {r['errors']}; rows {r['rows_counted']}/{r['rows_expected']} "
               f"(lost {r['turns_lost']})")
    for e in r["error_samples"]:
        click.echo(f"  error: {e}")


def _bench_mirror(path: str | None, quick: bool, as_json: bool) -> None:
    from pathlib import Path

    from coach.bench.mirror import bench_mirror

    text = Path(path).read_text(encoding="utf-8") if path else None
    r = bench_mirror(text, runs=3 if quick else 5)
    if as_json:
        click.echo(json.dumps(r, indent=2))
        return
    m, p, c = r["machine"], r["in_process"], r.get("command")
    click.echo(f"machine: {m['cpus']} cpus, Python {m['python']}, load {m['load_avg_1m']}")
    click.echo(f"conversation: {r['words']} words, {r['turns']} turns, {r['mentor_sentences']} mentor sentences")
    click.echo(f"models loaded in {r['model_load_s']} s")
    click.echo(f"in process ({p['runs']} runs, caches emptied): median {p['median_s']} s · p95 {p['p95_s']} s "
               f"(target <= {r['target_s']} s)")
    if c:
        click.echo(f"`coach mirror` command, fresh process ({c['runs']} runs): median {c['median_s']} s · "
                   f"p95 {c['p95_s']} s (target <= {r['target_s']} s)")


def _read_script(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.lstrip().startswith(("#", "/"))]


def _bench_llm(url: str, model: str | None, scripts: tuple[str, ...], as_json: bool) -> None:
    import os
    import platform

    from coach.bench.llm import bench_llm
    from coach.config import load_settings

    settings = load_settings()
    key = settings.api_key.get_secret_value() if settings.api_key is not None else None
    r = bench_llm(url, model or settings.model, [_read_script(p) for p in scripts] or None, api_key=key)
    if as_json:
        echo_json(r, indent=2)
        return
    n = r["llm_turns"]
    ms = lambda d: f"p50 {d['p50']:.1f} ms · p95 {d['p95']:.1f} ms"  # noqa: E731
    click.echo(f"machine: {os.cpu_count()} cpus, Python {platform.python_version()}, load {os.getloadavg()[0]:.2f}")
    click.echo(f"model {r['model']} at {r['base_url']}: {r['turns']} turns, {n} voiced by the model")
    click.echo(f"advice: model's own text {r['model_advice_rate']:.0%} · drafts after clean-up "
               f"{r['raw_advice_rate']:.0%} · shown {r['shown_advice_rate']:.0%} · "
               f"any screen state {r['draft_advice_rate']:.0%} (target 0)")
    click.echo(f"turns: {r['shown']} shown as drafted · {r['revised']} revised · {r['fallback']} offline "
               f"fallback ({r['model_failures']} of them: the model failed or wrote nothing usable)")
    click.echo(f"coach-added latency: {ms(r['coach_overhead_ms'])} (target p95 <= 20 ms); "
               f"work inside the stream {ms(r['in_stream_ms'])}")
    click.echo(f"model: {ms(r['model_ms'])} · first token {ms(r['first_token_ms'])} · "
               f"first words on screen {ms(r['first_words_ms'])}")
    click.echo(f"turns that took words back: {r['turns_with_words_taken_back']} of {n}")
