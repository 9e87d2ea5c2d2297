"""Set the first battery-first (charge) window of a MIN inverter through the token API.

python examples/charge_window.py --server URL --device BZP0C4N08J --start 01:00 --end 05:30
"""

import argparse
import datetime as dt

import growattServer


def clock(text: str) -> dt.time:
    return dt.datetime.strptime(text, "%H:%M").time()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True)
    parser.add_argument("--token", default="3f8c1a2b4d5e6f708192a3b4c5d6e7f8")
    parser.add_argument("--device", required=True)
    parser.add_argument("--segment", type=int, default=1)
    parser.add_argument("--start", type=clock, default=clock("01:00"))
    parser.add_argument("--end", type=clock, default=clock("05:30"))
    options = parser.parse_args()

    api = growattServer.OpenApiV1(token=options.token)
    api.server_url = options.server
    api.min_write_time_segment(
        options.device,
        options.segment,
        growattServer.BATT_MODE_BATTERY_FIRST,
        options.start,
        options.end,
        enabled=True,
    )
    # Read back what the inverter now reports for that window.
    for segment in api.min_read_time_segments(options.device):
        if segment["segment_id"] == options.segment:
            print(segment)


if __name__ == "__main__":
    main()
