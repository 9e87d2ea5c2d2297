"""`growatt history` end to end: every format, an interrupted export that resumes to
exactly the rows of an uninterrupted one, and the clear errors."""

from __future__ import annotations

import csv
import json
import sys

import pytest

from growattServer.cli.errors import ExitCode
from growattServer.models.charts import FLOW_COLUMNS
from growattServer.simulator import FaultKind, FaultRule

from .conftest import UNPACED

TLX = "BZP0C4N08J"
RANGE = ("--from", "2026-06-10", "--to", "2026-06-14")
DAYS = 5


def csv_rows(path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_export_has_every_5_minute_slot_once_in_order(make_sim, growatt, classic_env, tmp_path):
    sim = make_sim()
    classic_env(sim)
    out = tmp_path / "tlx.csv"
    result = growatt(sim, "history", "--device", TLX, *RANGE, "-o", str(out))
    assert result.code == 0, result.err
    assert result.out.startswith(f"Wrote {DAYS * 288} rows to ")
    rows = csv_rows(out)
    assert len(rows) == DAYS * 288
    # Sevilla's zone (Europe/Madrid, summer time), though classic Growatt says "+1"
    assert rows[0]["time"] == "2026-06-10T00:00:00+02:00"  # the chart's first label
    assert rows[-1]["time"] == "2026-06-14T23:55:00+02:00"
    assert list(rows[0]) == ["time", *FLOWS]
    assert len({r["time"] for r in rows}) == len(rows)
    assert not list(tmp_path.glob("*.part*"))


def test_interrupted_export_resumes_to_exactly_the_uninterrupted_rows(
    make_sim, growatt, classic_env, tmp_path
):
    reference_sim = make_sim()
    classic_env(reference_sim)
    reference = tmp_path / "reference.csv"
    assert (
        growatt(reference_sim, "history", "--device", TLX, *RANGE, "-o", str(reference)).code == 0
    )

    # The third day's chart fails every time it is asked (first try and both retries).
    sim = make_sim(
        faults=[
            FaultRule(
                FaultKind.HTTP_5XX,
                path="newTlxApi.do",
                op="getEnergyProdAndCons_KW",
                schedule=frozenset({3, 4, 5}),
            )
        ]
    )
    classic_env(sim)
    out = tmp_path / "tlx.csv"
    first = growatt(sim, "history", "--device", TLX, *RANGE, "-o", str(out))
    assert first.code == ExitCode.CONNECTION
    assert "run the same command again to resume" in first.err
    assert not out.exists()
    checkpoint = json.loads((tmp_path / "tlx.csv.part.checkpoint").read_text())
    assert checkpoint["windows_done"] == 2
    # A crash between writing a window and recording it leaves extra bytes: cut on resume.
    with (tmp_path / "tlx.csv.part").open("a") as part:
        part.write("2026-06-12T00:05:00+02:00,half,a,row\n")

    second = growatt(sim, "history", "--device", TLX, *RANGE, "-o", str(out))
    assert second.code == 0, second.err
    assert "resumed after 2 of 5 windows" in second.out
    assert out.read_text() == reference.read_text()
    charts = [
        dict(r.form)["date"]
        for r in sim.journal.matching("newTlxApi.do")
        if dict(r.query).get("op") == "getEnergyProdAndCons_KW"
    ]
    # days 1-2, day 3 failing three times, then days 3-5: nothing fetched twice that worked
    assert charts == ["2026-06-10", "2026-06-11", *["2026-06-12"] * 3, *RANGE_DAYS[2:]]


#: The normalised 5-minute columns: the models' PowerFlow fields, in their order.
FLOWS = list(FLOW_COLUMNS)
RANGE_DAYS = ["2026-06-10", "2026-06-11", "2026-06-12", "2026-06-13", "2026-06-14"]


@pytest.mark.parametrize("fmt", ["json", "parquet"])
def test_json_and_parquet_hold_the_same_rows_as_csv(fmt, make_sim, growatt, classic_env, tmp_path):
    sim = make_sim()
    classic_env(sim)
    as_csv, other = tmp_path / "a.csv", tmp_path / f"a.{fmt}"
    assert growatt(sim, "history", "--device", TLX, *RANGE, "-o", str(as_csv)).code == 0
    result = growatt(sim, "history", "--device", TLX, *RANGE, "-o", str(other), "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["rows"] == DAYS * 288
    expected = csv_rows(as_csv)
    if fmt == "json":
        records = json.loads(other.read_text())
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(other)
        assert str(table.schema.field("time").type).startswith("timestamp")
        records = table.to_pylist()
        for record in records:
            record["time"] = record["time"].isoformat()
    assert [r["time"] for r in records] == [r["time"] for r in expected]
    assert [r["pv_w"] for r in records] == [float(r["pv_w"]) for r in expected]


def test_parquet_without_pyarrow_is_one_clear_line(
    make_sim, growatt, classic_env, tmp_path, monkeypatch
):
    sim = make_sim()
    classic_env(sim)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if the extra were not installed
    result = growatt(sim, "history", "--device", TLX, *RANGE, "-o", str(tmp_path / "a.parquet"))
    assert result.code == ExitCode.UNEXPECTED
    assert result.err == (
        "error: Parquet output needs pyarrow: pip install 'growattServer-ng[parquet]' "
        "(hint: rerun with --debug for the details)\n"
    )


def test_day_resolution_of_a_plant(make_sim, growatt, classic_env, tmp_path):
    sim = make_sim()
    classic_env(sim)
    out = tmp_path / "plant.json"
    result = growatt(
        sim, "history", "--plant", "1427391", *RANGE, "--resolution", "day", "-o", str(out)
    )
    assert result.code == 0, result.err
    records = json.loads(out.read_text())
    assert [r["time"][:10] for r in records] == RANGE_DAYS
    assert all(r["produced_kwh"] > 0 for r in records)
    assert all(list(r) == ["time", "produced_kwh"] for r in records)


def test_token_history_pages_through_v1_records(make_sim, growatt, token_env, tmp_path):
    sim = make_sim()
    token_env(sim)
    out = tmp_path / "min.csv"
    result = growatt(
        sim, "history", "--device", TLX, *RANGE, "-o", str(out), "--columns", "all",
        options=UNPACED,
    )  # fmt: skip
    assert result.code == 0, result.err
    rows = csv_rows(out)
    assert len(rows) == DAYS * 288
    assert rows[0]["time"] == "2026-06-10T00:05:00+02:00"
    assert rows[0]["serialNum"] == TLX  # the raw columns follow the normalised ones
    assert list(rows[0])[1 : 1 + len(FLOWS)] == FLOWS
    assert all(float(r["pv_w"]) == float(r["ppv"]) for r in rows)  # v1 records are in W


def test_token_history_waits_out_the_pacing_on_the_simulated_clock(
    make_sim, growatt, token_env, tmp_path
):
    sim = make_sim(v1_rate_limit=True)
    token_env(sim)
    out = tmp_path / "min.csv"
    result = growatt(
        sim,
        "history",
        "--device",
        TLX,
        "--from",
        "2026-06-10",
        "-o",
        str(out),
        "--to",
        "2026-06-10",
    )
    assert result.code == 0, result.err
    assert len(csv_rows(out)) == 288
    assert sim.world.counters.v1_rate_limited == 0  # the client waited instead


@pytest.mark.parametrize(
    ("argv", "code", "text"),
    [
        (("--device", "NOPE"), ExitCode.USAGE, "this account has no device NOPE"),
        (
            ("--device", "NTCMA2B04Q", "--resolution", "day"),
            ExitCode.UNAVAILABLE,
            "no day history for device type 'inverter' on the classic API (available: 5min)",
        ),
        (("--device", "JNK0CJ1A9B"), ExitCode.UNAVAILABLE, "no 5min history for device type 'spa'"),
    ],
)
def test_what_cannot_be_exported_is_explained(
    argv, code, text, make_sim, growatt, classic_env, tmp_path
):
    sim = make_sim()
    classic_env(sim)
    result = growatt(sim, "history", *argv, *RANGE, "-o", str(tmp_path / "x.csv"))
    assert result.code == code
    assert text in result.err
    assert result.err.count("\n") == 1


def test_the_growatt_command_finishes_parquet_in_a_fresh_process(make_sim, home, tmp_path):
    """The installed command, as a user runs it: the fetch, then exec into the converter."""
    import os
    import subprocess
    from pathlib import Path

    sim = make_sim()
    out = tmp_path / "tlx.parquet"
    env = {
        **os.environ,
        "GROWATT_USERNAME": "demo",
        "GROWATT_PASSWORD": "growatt-demo",
        "GROWATT_SERVER": sim.base_url,
    }
    growatt = Path(sys.executable).with_name("growatt")
    done = subprocess.run(  # noqa: S603 - our own installed command
        [str(growatt), "history", "--device", TLX, *RANGE, "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Wrote {DAYS * 288} rows to {out}\n"
    import pyarrow.parquet as pq

    assert pq.read_table(out).num_rows == DAYS * 288
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("tlx")) == [out.name]


def test_raw_columns_and_tz_give_the_exports_of_before(make_sim, growatt, classic_env, tmp_path):
    """``--columns raw --tz Etc/GMT-1`` is the export as it was: Growatt's TLX chart
    columns in kW, stamped with the classic plant's standard offset."""
    sim = make_sim()
    classic_env(sim)
    out = tmp_path / "raw.csv"
    argv = ("--columns", "raw", "--tz", "Etc/GMT-1")
    result = growatt(sim, "history", "--device", TLX, *RANGE, "-o", str(out), *argv)
    assert result.code == 0, result.err
    lines = out.read_text().splitlines()
    assert lines[0] == "time,chargePower,outP,pacToGrid,pacToUser,pex,ppv,pself,sysOut,userLoad"
    assert lines[1].startswith("2026-06-10T00:00:00+01:00,")
    assert len(lines) == 1 + DAYS * 288
    normalised = tmp_path / "normalised.csv"
    assert growatt(sim, "history", "--device", TLX, *RANGE, "-o", str(normalised)).code == 0
    watts = [float(r["pv_w"]) for r in csv_rows(normalised)]
    assert watts == [float(r["ppv"]) * 1000 for r in csv_rows(out)]
