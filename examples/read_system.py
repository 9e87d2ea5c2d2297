"""Print the live numbers of a MIX (SPH) or TLX (MIN) system (classic API).

python examples/read_system.py --server URL --plant 1427391 --device WPD3C1A0K7 --family mix
"""

import argparse

import growattServer


def show(title: str, values: dict) -> None:
    print(f"== {title}")
    for key in sorted(values)[:20]:
        print(f"   {key:24} {values[key]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True)
    parser.add_argument("--user", default="demo")
    parser.add_argument("--password", default="growatt-demo")
    parser.add_argument("--plant", required=True)
    parser.add_argument("--device", required=True)
    parser.add_argument("--family", choices=["mix", "tlx"], default="mix")
    options = parser.parse_args()

    api = growattServer.GrowattApi(add_random_user_id=True, agent_identifier=options.user)
    api.server_url = options.server
    if not api.login(options.user, options.password).get("success"):
        raise SystemExit("login refused")

    if options.family == "mix":
        show("battery and PV", api.mix_info(options.device, options.plant))
        show("right now (kW)", api.mix_system_status(options.device, options.plant))
        show("totals", api.mix_totals(options.device, options.plant))
    else:
        show("detail", api.tlx_detail(options.device).get("data", {}))
        show("right now (kW)", api.tlx_system_status(options.plant, options.device))
        show("energy", api.tlx_energy_overview(options.plant, options.device))


if __name__ == "__main__":
    main()
