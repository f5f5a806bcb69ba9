"""`thread schedule install | uninstall`: the user's own timer that runs `thread schedule
run` every minute (a systemd user timer, or a crontab line where there is no systemd)."""

from __future__ import annotations

import argparse
import sys

from threadsmith.errors import NoKeyring

CRON_CANNOT = (
    "no crontab line given: cron starts `thread schedule run` outside your login, and no "
    "keyring it could reach runs on this machine now (your credentials are kept in your "
    "login's keyring, the Secret Service, on its D-Bus session bus). This machine needs "
    "systemd (then `thread schedule install` sets up a user timer), or a login whose "
    "keyring is unlocked and stays running while threads are due: a desktop session, or on "
    "a server `dbus-run-session -- bash` kept open in tmux, with `gnome-keyring-daemon "
    "--unlock --components=secrets` run in it. Then run `thread schedule install --cron` "
    "again from that login"
)
CRON_REACHES = (
    "Each run finds your keyring through your login's session bus: threads go out while "
    "you are logged in with your keyring unlocked."
)


def timer_hint() -> None:
    """After scheduling: say so if no timer will ever run the schedule."""
    from threadsmith.cli.desktop_timer import installed_here
    from threadsmith.schedule import timer

    if not timer.installed(timer.unit_dir()) and not timer.in_crontab() and not installed_here():
        print(
            "No timer runs `thread schedule run` here yet: set one up with "
            "`thread schedule install`, or nothing will publish it."
        )


def run_install(args: argparse.Namespace) -> int:
    from threadsmith.cli import desktop_timer
    from threadsmith.schedule import timer

    kind = desktop_timer.chosen(args)
    if kind in ("launchd", "schtasks") or args.dry_run:
        return desktop_timer.install(args, kind)
    command, environment = timer.runner_command(), timer.kept_environment()
    if args.cron or (not args.systemd and not timer.systemd_runs()):
        if not timer.cron_reaches_keyring(environment):
            raise NoKeyring(CRON_CANNOT)  # rather than a line that cannot work
        log = timer.log_path()
        log.parent.mkdir(parents=True, exist_ok=True)  # cron's `>>` cannot make a folder
        if not args.cron:
            print("systemd does not run here: add this line to your crontab (crontab -e):")
        print(timer.crontab_line(command, environment, log))
        # --cron prints the line alone on standard output, to pipe into `crontab -`
        print(CRON_REACHES, file=sys.stderr if args.cron else sys.stdout)
        return 0
    written = timer.write_units(timer.unit_dir(), command, environment)
    print(f"Wrote {written.service}\n  and {written.timer}")
    if args.no_enable or not timer.systemd_runs():
        if not args.no_enable:
            print("systemd does not run here now; where it does, enable the timer with:")
        else:
            print("Enable the timer with:")
        print("\n".join(f"  {line}" for line in timer.systemctl_commands(timer.ENABLE)))
        return 0
    problem = timer.run_systemctl(timer.ENABLE)
    if problem is not None:
        print(f"thread: {problem}; run these yourself:", file=sys.stderr)
        print("\n".join(f"  {line}" for line in timer.systemctl_commands(timer.ENABLE)))
        return 1
    print(
        "The timer runs `thread schedule run` every minute while you are logged in (to run it "
        "when you are not: loginctl enable-linger). Its log: journalctl --user -u "
        f"{timer.UNIT}"
    )
    return 0


def run_uninstall(args: argparse.Namespace) -> int:
    from threadsmith.cli import desktop_timer
    from threadsmith.schedule import timer

    if desktop_timer.uninstall_here(args):
        return desktop_timer.uninstall(args)
    folder = timer.unit_dir()
    enabled = timer.enabled(folder) and timer.systemd_runs()
    problem = timer.run_systemctl(timer.DISABLE[:1]) if enabled else None
    removed = timer.remove_units(folder)
    if enabled:
        problem = problem or timer.run_systemctl(timer.DISABLE[1:])
    for path in removed:
        print(f"Removed {path}")
    if timer.in_crontab():
        print("Your crontab still runs `thread schedule run`: remove that line with crontab -e.")
    elif not removed:
        print("No threadsmith timer was installed here.")
    if problem is not None:
        print(f"thread: {problem}", file=sys.stderr)
        return 1
    return 0
