## Common

common-unknown-user = Hello! Duban does not know you yet. Ask your admin for your unit's invite link and open it to join.
common-not-allowed = You are not allowed to use this command.
common-error = Sorry, something went wrong. Please try again later.
common-conversation-failed = Sorry, something went wrong, so this was stopped and nothing was saved. Please send the command again.
common-working = Working on it…
common-reply-delayed = Telegram asks Duban to wait; the reply comes in about { $seconds } seconds.
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
reminder-due = ⏰ <b>{ $days ->
        [0] Due today
        [1] Due tomorrow
       *[other] Due in { $days } days
    }</b> ({ $day }): these tasks are not reported yet:
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
too-long-refused = ⚠️ { $kind ->
        [circular] A monthly circular
        [circular-draft] A draft of a monthly circular
        [weekly-summary] A weekly summary
        [reminder] A reminder
       *[other] A notice
    } was too long for Telegram, which refused it: it could not be sent to { $who }. Please tell whoever maintains Duban.
too-long-partly = { $sent } of its { $parts } parts had been sent.
too-long-group = the leading group's chat of "{ $plan }"

## Report (the /report conversation)

command-report = Report progress
command-cancel = Cancel what you are doing
report-not-liaison = Only a unit's liaison can report progress.
report-nothing = Your unit has nothing to report at the moment.
report-pick = Choose what to report on (most urgent first, page { $page } of { $pages }):
report-new-event = new matter
report-ask-status = <b>{ $item } { $title }</b> ({ $unit })
    Period: { $period }, due { $due }
    How is it going?
report-ask-status-event = <b>{ $item } { $title }</b> ({ $unit })
    Recording a new matter that happened today; it must be done within { $deadline }. How is it going?
report-ask-note = Please describe the progress in a sentence or two (at most { $max } characters), or press "Skip".
report-note-too-long = That note is too long ({ $length } characters); please keep it within { $max }.
report-ask-count = How many { $unit } this period? Target { $target } { $unit }{ $period }, reported so far { $done } { $unit }. Send a number, such as 3.
report-count-not-a-number = "{ $text }" is not a number; send a number such as 3.
report-count-negative = A count cannot be negative; please send it again.
report-count-fraction = A count is a whole number; please send it again.
report-count-too-large = That number is too large; please check it and send it again.
report-ask-evidence = Send evidence (photos or files, at most { $max }), then press "Done"; if there is none, press "Skip".
report-evidence-added = Received evidence file { $n }. Send more, or press "Done".
report-evidence-too-big = That file is too large ({ $size } MB); each file may be at most { $max } MB.
report-evidence-type = That kind of file is not accepted ({ $name }). Send photos, PDF, Word, Excel, PowerPoint, text or an archive.
report-evidence-full = You have { $max } evidence files already; press "Done".
report-summary = Please confirm the report:
    Task: { $item } { $title } ({ $unit })
    Period: { $period } (due { $due })
    Status: { $status }
    Note: { $note }
    Count: { $count }
    Evidence: { $evidence } file(s)
report-none = none
report-saved = ✅ Reported: { $item } { $title } ({ $unit }), { $period }.
report-saved-late = ⚠️ Reported: { $item } { $title } ({ $unit }), { $period }. It is past the due moment: a late report counts as not done.
report-saved-event = ✅ New matter recorded: { $item } { $title } ({ $unit }); finish and report it by { $due }.
report-cancelled = Report cancelled; nothing was saved.
report-timed-out = Your last report was left unfinished for over 30 minutes and has been cancelled.
report-use-buttons = Please press one of the buttons above, or send /cancel.
report-use-text = Please send text, or /cancel.
report-button-skip = Skip
report-button-done = Done
report-button-confirm = ✅ Submit
report-button-cancel = Cancel
reminder-button-report = 📝 Report { $item }
cancel-nothing = There is nothing to cancel.
period-label-month = { $month }/{ $year }
period-label-quarter = Q{ $quarter } { $year }
period-label-week = week { $week } of { $year }
period-label-once = one-off task
period-label-event = matter of { $date }

## Invites

command-invite = Invite a liaison or a lead
command-invites = Unused invites
command-revoke = Revoke an invite
invite-usage = Usage: /invite UNIT (a liaison of that unit), /invite lead UNIT (a lead of that unit), or /invite lead (a lead of the whole plan).
invite-no-unit = There is no unit named "{ $name }".
invite-did-you-mean = Did you mean: { $names }?
invite-no-plan = No plan has been imported yet, so there is no plan to lead.
invite-created = Invite link ({ $role }, { $scope }), valid for { $days } days, for one person:
    { $link }
    Forward it; opening it joins them.
invite-role-liaison = liaison
invite-role-lead = lead
invite-list-title = Unused invites:
invite-list-title-paged = Unused invites ({ $count } in all, page { $page } of { $pages }):
invite-list-item = { $role }, { $scope }, valid until { $expires } ({ $code })
invite-list-none = There are no unused invites.
invite-button-revoke = Revoke { $code }
invite-revoked = Invite { $code } revoked.
invite-revoke-usage = Usage: /revoke CODE (see /invites).
invite-revoke-unknown = There is no invite "{ $code }" to revoke.
invite-invalid = This invite link is not valid. Ask your admin for a new one.
invite-used = This invite link has already been used. Ask your admin for a new one to join.
invite-expired = This invite link has expired. Ask your admin for a new one.
invite-was-revoked = This invite link was revoked. Ask your admin for a new one.
invite-already = You are already the { $role } of { $scope }.
invite-welcome-deadlines = Your next deadlines:
invite-welcome-deadline = • { $item } { $title } — { $due }
invite-welcome-more = Send /tasks to see all your tasks, /report to report progress.

## Import (admins load a plan)

command-import = Import a task table
import-ask = Send the task decomposition table (.xlsx, .csv, .tsv or .txt, at most 10 MB), or paste the plan's text (in several messages if need be, then press "Text complete").
import-button-text-done = Text complete
import-text-received = Received { $chars } characters. Paste more, or press "Text complete".
import-reading = Reading { $name }…
import-refused = ❌ Cannot import: { $reason }
import-too-big = The file is too large ({ $size } MB); a plan may have at most 10 MB.
import-preview = <b>{ $title }</b> ({ $year })
    Read from: { $source }
    { $sections } sections, { $tasks } tasks, { $requirements } requirements, { $units } units, { $quotas } counted targets.
import-preview-units = Units: { $units }
import-preview-deadlines = Deadlines: { $recognized } read, { $unrecognized } not read.
import-preview-changes-new = This is a new plan; confirming imports all of it.
import-preview-changes = Compared with the plan already imported: { $added } tasks added, { $updated } updated, { $archived } archived, { $unchanged } unchanged.
import-preview-problems = Problems to fix ({ $count }):
import-preview-more = …and { $count } more
import-no-problems = No problems found.
import-button-confirm = ✅ Import
import-confirmed = ✅ Imported: { $title }. { $added } tasks added, { $updated } updated, { $archived } archived; new units: { $newUnits }.
import-cancelled = Import cancelled; nothing was changed.
import-no-title = (no title found)
import-no-year = year not given
import-none = none

## Quota and edit (liaisons)

command-quota = Progress toward counted targets
command-edit = Change your last report
quota-none = Your unit has no counted targets.
quota-title = Counted targets of <b>{ $unit }</b>:
quota-item = { $item } { $title }: target { $target } { $label }{ $period }, done { $actual } { $label }{ $pace }
quota-pace-year = , about { $expected } { $label } expected by now
quota-behind = ⚠️ behind pace
quota-on-track = ✓
quota-missed = ❗ target missed at its deadline
quota-open = ⏳ target not reached yet, due { $day }
quota-open-undated = ⏳ target not reached yet
edit-none = You have no report to change.
edit-closed = This period's circular is published; its reports can no longer be changed.

## Admin commands

command-units = Units and liaisons
command-leads = Leads
command-deadline = Fix a deadline
command-policy = Reminder rules
command-calendar = Holiday calendar
units-title = Units and liaisons ({ $count } units):
units-item = • { $unit }: { $liaisons }
units-no-liaison = ⚠️ no liaison yet
units-unreachable = (has blocked Duban)
units-unreachable-deactivated = (Telegram account deleted)
units-unreachable-not-found = (Telegram finds no chat with them; ask them to send /start)
leads-title = Leads:
leads-item = • { $name }: { $scope }
leads-none = There are no leads yet. Invite one with /invite lead.
deadline-usage = Usage: /deadline TASK-ITEM DEADLINE, e.g. /deadline 18-2 12月底前.
deadline-unread-title = These requirements have deadlines that could not be read:
deadline-unread-item = • { $item } ({ $task }-{ $index }) "{ $text }"
deadline-unread-none = Every requirement's deadline was read.
deadline-no-requirement = There is no requirement { $ref }.
deadline-not-read = "{ $text }" still cannot be read; write it another way, e.g. 每月10日前, 12月底前, 七个工作日内.
deadline-set = The deadline of { $item } is now "{ $text }" ({ $rule }). Later re-imports keep this change.
policy-show = Reminder rules ({ $plan }):
    remind { $before } working days before; on the due day: { $onDue }; the day after: { $overdue };
    working hours { $start }–{ $end }; ongoing tasks report by day { $day } of each month.
    weekly summary: { $summaryDay } { $summaryTime } (on a holiday, the next working day of that week).
    Change: /policy before 3,1 | /policy due on|off | /policy overdue on|off | /policy hours 09:00-18:00 | /policy day 10 | /policy summary 1 09:00
policy-yes = yes
policy-no = no
policy-updated = Reminder rules updated.
policy-invalid = Cannot understand "{ $text }". { $reason }
calendar-status = Holiday data for { $year }: { $source }.
calendar-source-package = from the chinese-days package
calendar-source-override = the State Council notice loaded by an admin
calendar-source-none = ⚠️ none; plain weekends are assumed (no public holidays or swapped days)
calendar-usage = Usage: /calendar YEAR to check; /calendar YEAR followed by the State Council's holiday notice on the next lines to load that year.
calendar-loaded = Loaded the {$year} holidays: { $holidays } days off, { $workdays } swapped working days.
calendar-errors = Cannot load the { $year } schedule:
calendar-error-item = • line { $line }: { $message }

## Summaries (leads)

command-summary = Progress summary
command-overdue = Overdue reports
command-unit = One unit in detail
summary-title = 📊 <b>Progress summary</b> ({ $date })
summary-scope = Scope: { $scope }
summary-units-header = Latest period per unit (on time / late / missing):
summary-unit = { $unit }: on time { $onTime }, late { $late }, missing { $missing }
summary-rest-on-time = The other { $count } units are all on time.
summary-overdue-header = ❗ Overdue, not reported ({ $count }):
summary-overdue = • { $unit } { $item } { $title }, due { $due }, { $days } days overdue
summary-quota-header = ⚠️ Counted targets behind pace ({ $count }):
summary-quota = • { $unit } { $item } { $title }: target { $target } { $label }, about { $expected } expected by now, { $actual } done
summary-due-header = 📅 Due in the next 7 days ({ $count }):
summary-due = • { $unit } { $item } { $title }, { $due }
summary-more = …and { $count } more
summary-none-overdue = Nothing is overdue.
summary-not-lead = Only leads and admins can see summaries.
summary-unit-usage = Usage: /unit UNIT
summary-no-unit = There is no unit "{ $name }" in your scope.
summary-scope-all = all units

## Circular (通报)

command-yearly = The year's reporting record
circular-title = 📢 <b>{ $plan }: circular for { $month }</b>
circular-draft-note = [DRAFT, not published] Check it, then publish or hold.
circular-on-time = ✅ Reported on time ({ $count }): { $units }
circular-partly-on-time = ☑️ Partly reported on time ({ $count }), the items reported on time:
circular-late = ⚠️ Reported late, counted as not done ({ $count }):
circular-missing = ❌ Not reported ({ $count }):
circular-unit-items = • { $unit }: { $items }
circular-quotas = Counted targets behind pace ({ $count }):
circular-quota = • { $unit } { $item }: target { $target } { $label }, about { $expected } expected, { $actual } done
circular-none = none
circular-button-publish = 📢 Publish
circular-button-hold = ⏸ Hold
circular-published = ✅ Published and sent to the leads; this period's reports can no longer be changed.
circular-held = ⏸ Held. Press "Publish" when it should go out.
circular-already = This circular is already published.
yearly-title = 📅 <b>Reporting record for { $year }</b> (as of { $date })
yearly-unit = { $unit }: on time { $onTime }, late { $late }, missing { $missing } periods
command-export = Export the ledger (Excel)
export-caption = Ledger ({ $scope }) as of { $date }.
export-nothing = There is no plan to export yet.
group-bound = This group is now the leading group of "{ $plan }": weekly summaries and monthly circulars will be posted here.
group-not-admin = Only an admin can make this the leading group.
group-no-plan = No plan has been imported yet.
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
reminder-unreachable-deactivated = ⚠️ <b>{ $person }</b> (liaison of { $units }) has deleted their Telegram account; reminders cannot reach them. Please name another liaison.
reminder-unreachable-not-found = ⚠️ Reminders cannot reach <b>{ $person }</b> (liaison of { $units }): Telegram finds no chat with them (they may never have opened Duban, or deleted their account). Please ask them to send /start to Duban, or name another liaison.
group-lost = ⚠️ Duban is no longer in the leading group of "{ $plan }" (it was removed, or the group was deleted): weekly summaries and monthly circulars are no longer posted there; the leads still get them in private. To set a group again, add Duban to it and have an admin send /group there.
group-anonymous = You sent this as an anonymous group admin, so Duban cannot tell whether you are one of its admins; nothing was changed. Turn off "Remain anonymous" in your admin rights for this group and send /group again.
command-remove = Remove a liaison or lead
remove-usage = Usage: /remove NAME or TELEGRAM ID [UNIT], e.g. /remove 李娜 政策法规处; send /remove alone to choose from the list.
remove-list-title = Choose whom to remove ({ $count } in all) by their number:
remove-list-title-paged = Choose whom to remove ({ $count } in all, page { $page } of { $pages }) by their number:
remove-list-item = { $n }. { $name } — { $scope } ({ $role })
remove-list-none = There is no liaison or lead to remove.
remove-several = "{ $who }" serves in several roles; choose the one to remove by its number:
remove-not-found = "{ $who }" holds no liaison or lead role. Check the name or Telegram ID, or send /remove alone to choose from the list.
remove-confirm = Remove { $name } as { $role } of { $scope }?
    They lose that access at once and get no more reminders for it.
remove-button-yes = ✅ Remove
remove-button-no = Cancel
remove-done = { $name } is no longer { $role } of { $scope }; they have been told.
remove-cancelled = Cancelled; nothing was changed.
remove-already = That role has already been removed; nothing to do.
remove-notice-liaison = An admin has removed you as { $role } of { $scope }. You no longer report for that unit and will get no more reminders for it. Please contact your admin with any questions.
remove-notice-lead = An admin has removed you as { $role } of { $scope }; you will no longer receive its summaries and circulars. Please contact your admin with any questions.
remove-done-untold = { $name } is no longer { $role } of { $scope }. Duban could not tell them (they may have blocked it); please let them know.
units-merge-usage = Usage: /units merge FROM KEEP, e.g. /units merge 局办公室 办公室 (merges "局办公室" into "办公室").
units-merge-preview = Merge "{ $from }" into "{ $into }"?
    Moving: { $assignments } task assignment(s), { $reports } report(s), { $events } event(s), { $people } liaison(s) and lead(s), { $invites } invite(s).
    "{ $from }" stays as another name of "{ $into }", so later imports recognise it. A merge cannot be undone.
units-merge-button-yes = ✅ Merge
units-merge-button-no = Cancel
units-merge-done = "{ $from }" has been merged into "{ $into }".
units-merge-cancelled = Merge cancelled; nothing was changed.
units-merge-no-unit = There is no unit named "{ $name }". Send /units to see them all.
units-merge-same = "{ $from }" and "{ $into }" are already one unit; nothing to merge.
units-merge-clash = Both units reported on the same task and period ({ $list }), so they cannot be merged. Correct one of those reports first, then merge.
units-merge-gone = One of these units no longer exists (it may have been merged already); please send the command again.
