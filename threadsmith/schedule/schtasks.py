"""The timer on Windows: a Task Scheduler task of the signed-in person that runs
`thread schedule run` every minute, made with `schtasks /Create /XML`.

The task runs only while the person is signed in (an interactive token: Windows'
Credential Locker is theirs then). `StartWhenAvailable` runs a start missed while
the PC slept or was off as soon as it can; the runner then decides by the grace
period what is still worth publishing.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from datetime import datetime
from xml.etree import ElementTree

TASK = "threadsmith-schedule"
NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task"


def task_xml(command: Sequence[str], user: str, start: datetime) -> bytes:
    """The task's definition, in UTF-16 as schtasks reads it: `command` every minute
    from `start` (local time) for ever, as `user` (DOMAIN\\name) while signed in."""
    ElementTree.register_namespace("", NAMESPACE)

    def element(
        parent: ElementTree.Element, name: str, text: str | None = None
    ) -> ElementTree.Element:
        child = ElementTree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
        child.text = text
        return child

    task = ElementTree.Element(f"{{{NAMESPACE}}}Task", {"version": "1.2"})
    info = element(task, "RegistrationInfo")
    element(info, "Description", "threadsmith: publish the scheduled threads that are due")
    trigger = element(element(task, "Triggers"), "TimeTrigger")
    repetition = element(trigger, "Repetition")
    element(repetition, "Interval", "PT1M")  # no Duration: repeated for ever
    element(repetition, "StopAtDurationEnd", "false")
    element(trigger, "StartBoundary", start.replace(microsecond=0).isoformat())
    element(trigger, "Enabled", "true")
    principal = element(element(task, "Principals"), "Principal")
    principal.set("id", "Author")
    element(principal, "UserId", user)
    element(principal, "LogonType", "InteractiveToken")
    element(principal, "RunLevel", "LeastPrivilege")
    settings = element(task, "Settings")
    for name, value in (  # in the order Windows itself exports them
        ("MultipleInstancesPolicy", "IgnoreNew"),  # one runner at a time is enough
        ("DisallowStartIfOnBatteries", "false"),
        ("StopIfGoingOnBatteries", "false"),
        ("StartWhenAvailable", "true"),
        ("Enabled", "true"),
        ("ExecutionTimeLimit", "PT30M"),
    ):
        element(settings, name, value)
    actions = element(task, "Actions")
    actions.set("Context", "Author")
    action = element(actions, "Exec")
    element(action, "Command", command[0])
    if len(command) > 1:
        element(action, "Arguments", subprocess.list2cmdline(command[1:]))
    text = ElementTree.tostring(task, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-16"?>\n' + text).encode("utf-16")


def create_command(xml_file: str) -> list[str]:
    return ["schtasks", "/Create", "/TN", TASK, "/XML", xml_file, "/F"]


def delete_command() -> list[str]:
    return ["schtasks", "/Delete", "/TN", TASK, "/F"]


def query_command() -> list[str]:
    return ["schtasks", "/Query", "/TN", TASK, "/V", "/FO", "LIST"]
