#!/usr/bin/env python3
"""Collects one bench/run.sh run into $OUT/results.json and prints (and writes) the markdown table."""
import json
import os
import sys

env = os.environ
out = env["OUT"]
operations = sys.argv[1:]
# p95 targets in ms and the operations with an API/pgbench ratio target (issue 9).
P95_TARGET = {"availability": 10, "lease-get": 10, "member-search": 20, "dashboard": 50}
RATIO_TARGET = {"availability": 0.5, "lease-create": 0.6}


def load(path):
    try:
        with open(path) as f:
            return json.loads(f.read().strip().splitlines()[-1])
    except (OSError, IndexError, ValueError):
        return None


def num(name):
    value = env.get(name)
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


results = {"conditions": {
    "mode": env["MODE"], "connections": int(env["CONNECTIONS"]), "duration_s": int(env["DURATION"]),
    "cpus": int(env["BENCH_CPUS"]), "load_average_at_end": env["BENCH_LOAD"], "java": env["BENCH_JAVA"],
    "postgresql": env["BENCH_PG_VERSION"], "run_id": env["BENCH_STARTED_AT"]},
    "data": {"members": int(env["MEMBERS"]), "spaces": int(env["SPACES"]), "leases": int(env["LEASES"]),
             "distribution": json.loads(env["DISTRIBUTION"]), "load_s": num("LOAD_S"),
             "vacuum_analyze_s": num("VACUUM_S")},
    "operations": {}}
rows = []
for op in operations:
    api = load(f"{out}/{op}.api.json") or {}
    pg = load(f"{out}/{op}.pg.json") or {}
    light = load(f"{out}/{op}.light.json") or {}
    api_rps = api.get("requests", 0) / (api.get("duration_us", 1) / 1e6) if api else None
    ratio = round(api_rps / pg["tps"], 2) if api_rps and pg.get("tps") else None
    results["operations"][op] = {"api": dict(api, rps=round(api_rps, 1) if api_rps else None), "pgbench": pg,
                                 "api_2_connections": light,
                                 "ratio": ratio, "p95_target_ms": P95_TARGET.get(op),
                                 "ratio_target": RATIO_TARGET.get(op)}
    rows.append((op, api_rps, api, pg, ratio, light))

startup = {"ready_migrated_s": num("READY_MIGRATED_S"), "first_api_call_s": num("FIRST_CALL_S"),
           "ready_fresh_s": num("READY_FRESH_S"),
           "fresh_database_created_by": env["FRESH_CREATED_BY"],
           "shipped": {"jvm_options": env.get("SHIPPED_OPTS", ""), "class_data_sharing": True,
                       "ready_migrated_s": num("READY_SHIPPED_MIGRATED_S"),
                       "ready_fresh_s": num("READY_SHIPPED_FRESH_S"), "rss_idle_mb": num("RSS_IDLE_SHIPPED_MB")},
           "first_local_start": {"ready_s": num("FIRST_LOCAL_S"), "embedded_postgres_ms": num("EMBEDDED_MS"),
                                 "database_ready_ms": num("DATABASE_READY_MS")},
           "rss_idle_mb": int(env["RSS_IDLE_MB"]), "rss_under_load_mb": int(env["RSS_LOAD_MB"]),
           "rss_under_load_as": "shipped", "throughput_server": "as shipped",
           "jar_bytes": int(env["JAR_BYTES"]),
           "image_bytes": None if env["IMAGE_BYTES"] in ("", "null") else int(env["IMAGE_BYTES"])}
migration = load(f"{out}/migration.api.json") or {}
results["startup_and_footprint"] = startup
results["migration_under_load"] = {"migrate_command_s": num("MIGRATE_S"), "alter_table_s": num("ALTER_S"), "create_index_concurrently_s": num("INDEX_S"),
                                   "writes": migration, "longest_write_stall_ms": migration.get("max_ms"),
                                   "baseline_longest_write_ms": (results["operations"].get("lease-create") or {})
                                   .get("api", {}).get("max_ms")}


def traced(variant, op):
    """The halves of one variant: summed requests, CPU ticks and time; latencies of the halves averaged."""
    try:
        with open(f"{out}/tracing-{variant}.{op}.json") as f:
            halves = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError):
        return None
    if not halves:
        return None
    requests = sum(h["requests"] for h in halves)
    seconds = sum(h["duration_us"] for h in halves) / 1e6
    return {"rps": round(requests / seconds, 1), "requests": requests,
            "p50_ms": round(sum(h["p50_ms"] for h in halves) / len(halves), 2),
            "p95_ms": round(sum(h["p95_ms"] for h in halves) / len(halves), 2),
            "non_2xx": sum(h["non_2xx"] for h in halves),
            "cpu_us_per_request": round(sum(h["cpu_ticks"] for h in halves) * 1e6 / os.sysconf("SC_CLK_TCK")
                                        / max(requests, 1))}


tracing = {"target_ratio_on_off": 0.85, "otlp_posts_received": int(num("OTLP_POSTS") or 0), "operations": {}}
for op in ("lease-get", "availability"):
    runs = {v: traced(v, op) for v in ("off", "default", "on")}
    if runs["off"]:
        tracing["operations"][op] = dict(runs, **{
            f"ratio_{v}_off": round(runs[v]["rps"] / runs["off"]["rps"], 2) if runs[v] and runs["off"]["rps"] else None
            for v in ("default", "on")})
results["tracing_overhead"] = tracing


def rps(result):
    return round(result["requests"] / (result["duration_us"] / 1e6), 1) if result and result.get("duration_us") else None


cold = {"first_window_s": num("COLD_FIRST"), "next_window_s": num("COLD_NEXT"),
        "ready_with_warmup_s": num("READY_WARMUP_S"), "operations": {}}
for op in ("lease-get", "lease-create", "availability"):
    first, after = load(f"{out}/{op}.cold-first.json"), load(f"{out}/{op}.cold-next.json")
    first_off, after_off = load(f"{out}/{op}.cold-first-nowarmup.json"), load(f"{out}/{op}.cold-next-nowarmup.json")
    warmed = (results["operations"].get(op) or {}).get("api", {}).get("rps")
    if first or after:
        cold["operations"][op] = {"first_rps": rps(first), "next_rps": rps(after), "warmed_rps": warmed,
                                  "without_warmup": {"first_rps": rps(first_off), "next_rps": rps(after_off)},
                                  "first": first, "next": after}
results["just_started"] = cold
with open(f"{out}/results.json", "w") as f:
    json.dump(results, f, indent=2)


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


lines = [f"| operation | API req/s | API p50 / p95 / p99 ms | pgbench tx/s | pgbench p50 / p95 / p99 ms | API/pgbench "
         f"| API p50 / p95 ms, 2 connections |",
         "|---|---:|---:|---:|---:|---:|---:|"]
for op, api_rps, api, pg, ratio, light in rows:
    lines.append(f"| {op} | {fmt(api_rps, 0)} | {fmt(api.get('p50_ms'))} / {fmt(api.get('p95_ms'))} / "
                 f"{fmt(api.get('p99_ms'))} | {fmt(pg.get('tps'), 0)} | {fmt(pg.get('p50_ms'))} / "
                 f"{fmt(pg.get('p95_ms'))} / {fmt(pg.get('p99_ms'))} | {fmt(ratio, 2)} "
                 f"| {fmt(light.get('p50_ms'))} / {fmt(light.get('p95_ms'))} |")
d = results["data"]
m = results["migration_under_load"]
shipped = startup["shipped"]
lines += ["",
          f"Data: {d['members']} members, {d['spaces']} spaces, {d['leases']} leases loaded in {fmt(d['load_s'])} s "
          f"(+ VACUUM ANALYZE {fmt(d['vacuum_analyze_s'])} s); {json.dumps(d['distribution'])}",
          f"Start → ready as shipped (extracted jar + CDS archive, {shipped['jvm_options']}; median of the runs): "
          f"{fmt(shipped['ready_migrated_s'], 2)} s migrated, {fmt(shipped['ready_fresh_s'], 2)} s fresh; idle RSS "
          f"{fmt(shipped['rss_idle_mb'], 0)} MB",
          f"Start → ready with plain java -jar: {fmt(startup['ready_migrated_s'], 2)} s migrated, "
          f"{fmt(startup['ready_fresh_s'], 2)} s fresh (database created by the {startup['fresh_database_created_by']}); "
          f"first API call {fmt(startup['first_api_call_s'], 3)} s",
          f"RSS: {startup['rss_idle_mb']} MB idle with plain java -jar (default heap), {startup['rss_under_load_mb']} MB "
          f"at most under load as shipped; jar "
          f"{startup['jar_bytes'] / 1e6:.1f} MB; image "
          + ("–" if startup["image_bytes"] is None else f"{startup['image_bytes'] / 1e6:.0f} MB"),
          f"Migration under load (newplos migrate, {fmt(m['migrate_command_s'], 1)} s with JVM start): ADD COLUMN "
          f"{fmt(m['alter_table_s'], 3)} s, CREATE INDEX CONCURRENTLY "
          f"{fmt(m['create_index_concurrently_s'], 1)} s; longest write {fmt(m['longest_write_stall_ms'])} ms "
          f"(baseline run: {fmt(m['baseline_longest_write_ms'])} ms), writes {migration.get('requests')} "
          f"with {migration.get('non_2xx')} non-2xx",
          "Tracing (same run; off = no tracing auto-configuration, default = no OTLP endpoint, on = exported "
          "over OTLP/HTTP at sampling 1.0; target on/off >= 0.85): " + "; ".join(
              f"{op} req/s off {fmt(t['off']['rps'], 0)}, default {fmt((t['default'] or {}).get('rps'), 0)} "
              f"({fmt(t['ratio_default_off'], 2)}x), on {fmt((t['on'] or {}).get('rps'), 0)} "
              f"({fmt(t['ratio_on_off'], 2)}x); CPU µs/request {t['off']['cpu_us_per_request']} / "
              f"{(t['default'] or {}).get('cpu_us_per_request')} / {(t['on'] or {}).get('cpu_us_per_request')}"
              for op, t in tracing["operations"].items()) + f"; {tracing['otlp_posts_received']} OTLP posts received",
          f"Just started (as shipped, wrk from the moment /readyz answers; first {fmt(cold['first_window_s'], 0)} s, "
          f"next {fmt(cold['next_window_s'], 0)} s, warmed run above; ready after the 10 s warm-up in "
          f"{fmt(cold['ready_with_warmup_s'], 2)} s): " + "; ".join(
              f"{op} {fmt(c['first_rps'], 0)} / {fmt(c['next_rps'], 0)} / {fmt(c['warmed_rps'], 0)} req/s "
              f"(without the warm-up {fmt(c['without_warmup']['first_rps'], 0)} / "
              f"{fmt(c['without_warmup']['next_rps'], 0)})"
              for op, c in cold["operations"].items()),
          f"First local start (no DATABASE_URL: embedded PostgreSQL unpacked, initialised, migrated): ready in "
          f"{fmt(startup['first_local_start']['ready_s'], 2)} s (embedded PostgreSQL "
          f"{fmt(startup['first_local_start']['embedded_postgres_ms'], 0)} ms, database ready "
          f"{fmt(startup['first_local_start']['database_ready_ms'], 0)} ms)",
          "Lease create, API/pgbench of the same statements (target >= 0.6): "
          + fmt((results["operations"].get("lease-create") or {}).get("ratio"), 2),
          f"Conditions: {results['conditions']}"]
table = "\n".join(lines)
with open(f"{out}/results.md", "w") as f:
    f.write(table + "\n")
print(table)
