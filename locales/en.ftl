## Common

common-unknown-user = Hello! Duban does not know you yet. Ask your admin for your unit's invite link and open it to join.
common-not-allowed = You are not allowed to use this command.
common-error = Sorry, something went wrong. Please try again later.
common-unknown-command = There is no such command. Send /help to see the commands you can use.
common-private-only = Please use this command in your private chat with Duban.
common-button-expired = This button has expired; send the command again.

## Commands (the menu beside the message box)

command-start = Start
command-help = Commands you can use
command-language = Change language
command-tasks = Your unit's tasks and deadlines
command-plans = Imported plans

## Start

start-admin = Hello, { $name }! You are a Duban <b>admin</b>.
start-liaison = Hello, { $name }! You are the <b>liaison</b> of <b>{ $units }</b>. Duban reminds you before each deadline, and you report progress here.
start-lead = Hello, { $name }! You <b>lead</b> <b>{ $scope }</b> and will receive a weekly progress summary.
start-next = Send /help to see the commands you can use.
start-group = Duban is in this group. The leading group's weekly summaries and circulars will be posted here.

## Help

help-title = Commands you can use:

## Language

language-choose = 请选择语言 / Choose your language:
language-set = Language set to English.

## Tasks

tasks-not-liaison = Only a unit's liaison can see its tasks.
tasks-choose-unit = You are the liaison of several units. Choose one:
tasks-none = <b>{ $unit }</b> has no tasks at the moment.
tasks-header = Tasks of <b>{ $unit }</b> ({ $count } in all, page { $page } of { $pages }), nearest deadline first:
tasks-cooperating = {" "}(cooperating)
tasks-due = Due: { $day }
tasks-status-open = not reported, { $days } days left
tasks-status-due-today = due today, not reported
tasks-status-overdue = overdue, not reported
tasks-status-reported = reported: { $status }
tasks-status-late = reported late: { $status } (counts as not done)
tasks-no-fixed-date = done as matters arise ({ $deadline })
tasks-unreadable = the deadline could not be read ({ $deadline }); an admin will fix it
tasks-none-left = no further deadline ({ $deadline })
tasks-quota = Target: { $target } { $unit }{ $period }
tasks-prev = ◀ Previous
tasks-next = Next ▶

## Report statuses

status-done = done
status-in_progress = in progress
status-blocked = blocked
status-nothing = nothing to report this period

## Quota periods

period-year = {" "}a year
period-month = {" "}a month
period-once = {""}

## Plans

plans-none = No plan has been imported yet.
plans-title = Imported plans:
plans-item = <b>{ $title }</b> ({ $year }): { $tasks } tasks, { $requirements } requirements, { $units } units
plans-untitled = (untitled)
plans-no-year = year not given

## Reminders

reminder-before = ⏰ <b>Reminder</b>: these tasks are due { $day }, { $days } working days from now:
reminder-due = ⏰ <b>Due today</b> ({ $day }): these tasks are not reported yet:
reminder-overdue = ❗ <b>Overdue</b>: these tasks were due { $day } and are not reported. A late report counts as not done; please report as soon as you can:
reminder-snoozed = ⏰ <b>Reminder, as you asked</b>: these tasks are due { $day }:
reminder-item = { $number }. <b>{ $task }</b> { $title }
reminder-quota = target { $target } { $unit }{ $period }, reported { $done } { $unit }
reminder-unit = Unit: { $unit }
reminder-button-done = ✅ Done { $item }
reminder-button-snooze = ⏰ Remind me next working day
reminder-done-recorded = ✅ Recorded: { $item } done ({ $when }).
reminder-done-late = ✅ Recorded: { $item } done, but reported late; it counts as not done.
reminder-already-reported = This period is already reported.
reminder-snooze-set = All right, I will remind you again on { $day } in the morning.
reminder-snooze-too-late = Today is the due day; it cannot be put off. Please report today.
reminder-overdue-lead = ❗ <b>{ $unit }</b> has { $count } tasks not reported after their due day, { $day }:
reminder-no-liaison = ⚠️ <b>{ $unit }</b> has no liaison yet: { $count } tasks due { $day } go unreminded. An admin can invite one with /invite.
reminder-unreachable = ⚠️ <b>{ $person }</b> (liaison of { $units }) has blocked Duban; reminders cannot reach them. Please contact them or name another liaison.
reminder-more = …and { $count } more
reminder-calendar-missing = ⚠️ The holiday calendar has no data for { $year }. Until it is loaded, Duban plans reminders on plain weekends (Monday to Friday working), without public holidays or swapped working days. When the State Council publishes the { $year } holidays, load them with /calendar.
