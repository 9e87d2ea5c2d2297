"""List every plant of an account and the devices in it (classic API).

python examples/list_plants.py --server http://127.0.0.1:PORT/ --user demo --password growatt-demo
"""

import argparse

import growattServer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--server", default="https://openapi.growatt.com/", help="URL or region key"
    )
    parser.add_argument("--user", default="demo")
    parser.add_argument("--password", default="growatt-demo")
    options = parser.parse_args()

    api = growattServer.GrowattApi(add_random_user_id=True, agent_identifier=options.user)
    api.server_url = options.server
    login = api.login(options.user, options.password)
    if not login.get("success"):
        raise SystemExit(f"login refused (msg {login.get('msg')!r})")

    for plant in api.plant_list(login["userId"]).get("data", []):
        print(f"{plant['plantId']}  {plant['plantName']}")
        for device in api.device_list(plant["plantId"]):
            print(f"    {device.get('deviceType', '?'):10} {device.get('deviceSn')}")


if __name__ == "__main__":
    main()
