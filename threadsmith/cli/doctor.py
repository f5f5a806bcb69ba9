"""`thread doctor`: what works on this computer and what does not, each line with what
to do. Exit 0 when all is well, 1 when something needs fixing; `--format json` for
scripts."""

from __future__ import annotations

import argparse
import json


def add_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "doctor",
        help="check this computer: keyring, networks, logins, the timer, the database",
        description=(
            "Check what threadsmith needs on this computer: the keyring, whether each "
            "account's server answers, each account's login (nothing is sent), the timer "
            "that publishes scheduled threads, the database. Exit 0 when all is well, 1 "
            "when something needs fixing."
        ),
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from threadsmith import doctor

    found = doctor.examine()
    if args.format == "json":
        print(json.dumps(doctor.as_json(found), indent=2, ensure_ascii=False))
    else:
        for finding in found:
            print(finding.line())
        print("All is well." if doctor.all_well(found) else "Fix the lines marked [fix].")
    return 0 if doctor.all_well(found) else 1
